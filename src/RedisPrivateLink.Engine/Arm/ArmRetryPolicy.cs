using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Retries what ARM says is transient: 408, 429, 500, 502, 503, 504, a busy resource (<see cref="ArmRetryRules.IsBusy"/>)
/// and network failures (timeouts included). It waits for Retry-After (or retry-after-ms / x-ms-retry-after-ms) when
/// given, else an exponential delay with jitter, capped. It stands in for Azure.Core's RetryPolicy because that one
/// sleeps internally; this one waits through the gateway's delay hook, so the wait is cancellable, named in verbose
/// output and instant in tests.
/// A POST action is not idempotent (a second export or import starts a second operation), so after an answer that
/// leaves open whether ARM acted on it — a network failure, a timeout, 408 or 5xx — it is not sent again: only 429
/// and a busy refusal, which prove it was not started, are retried. ARM's read-only actions (list*,
/// checkNameAvailability) are safe to repeat and keep every retry.
/// </summary>
internal sealed class ArmRetryPolicy : HttpPipelinePolicy
{
    private readonly int _maxRetries;
    private readonly TimeSpan _delay;
    private readonly TimeSpan _maxDelay;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;
    private readonly Random _jitter = new();

    public ArmRetryPolicy(int maxRetries, TimeSpan delay, TimeSpan maxDelay, Func<TimeSpan, CancellationToken, Task> wait)
    {
        _maxRetries = maxRetries;
        _delay = delay;
        _maxDelay = maxDelay;
        _wait = wait;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure = null;
            try
            {
                if (async)
                {
                    await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                }
                else
                {
                    ProcessNext(message, pipeline);
                }
            }
            catch (Exception ex) when (IsTransientFailure(ex, message.CancellationToken) && attempt <= _maxRetries && IsSafeToRepeat(message.Request))
            {
                failure = ex;
            }

            var busy = failure is null && message.HasResponse && IsBusy(message.Response);
            if (failure is null && !((busy || IsTransientResponse(message)) && (busy || message.Response.Status == 429 || IsSafeToRepeat(message.Request))))
            {
                return;
            }

            if (attempt > _maxRetries)
            {
                return;
            }

            var delay = failure is null ? ServerDelay(message.Response) ?? Backoff(attempt) : Backoff(attempt);
            if (delay > _maxDelay)
            {
                delay = _maxDelay;
            }

            var reason = failure is not null ? $"a network error ({SecretRedactor.Redact(failure.Message)})"
                : busy ? $"status {message.Response.Status} (the resource is busy with another operation)"
                : $"status {message.Response.Status}";
            OperationReporter.Current.Verbose(
                $"Retrying {message.Request.Method} {SecretRedactor.DescribeUri(message.Request.Uri.ToUri())} after {reason} in {delay.TotalSeconds:0.#} s (retry {attempt} of {_maxRetries}).");
            await _wait(delay, message.CancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransientResponse(HttpMessage message) => message.HasResponse && ArmRetryRules.IsTransientStatus(message.Response.Status);

    private static bool IsBusy(Response response) =>
        response.Status == 409 && ArmRetryRules.IsBusy(response.Status, ArmRetryRules.ErrorOf(response.Content.ToString()));

    /// <summary>
    /// Every method but POST is idempotent in ARM; of the POST actions, the read-only ones are, and so is a provider's
    /// register (registering a registered namespace changes nothing).
    /// </summary>
    internal static bool IsSafeToRepeat(string method, string path)
    {
        if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var trimmed = path.TrimEnd('/');
        var action = trimmed.Substring(trimmed.LastIndexOf('/') + 1);
        return action.StartsWith("list", StringComparison.OrdinalIgnoreCase)
            || action.Equals("checkNameAvailability", StringComparison.OrdinalIgnoreCase)
            || action.Equals("register", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSafeToRepeat(Request request) => IsSafeToRepeat(request.Method.Method, request.Uri.Path);

    /// <summary>
    /// Network failures and network timeouts are transient; the caller's own cancellation is not, and neither is a
    /// server certificate that was refused: the same certificate would be refused again.
    /// </summary>
    private static bool IsTransientFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is RequestFailedException { Status: 0 } or HttpRequestException or IOException or TaskCanceledException
        && !TransportFailures.IsCertificateRejection(exception);

    private static TimeSpan? ServerDelay(Response response)
    {
        foreach (var header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(header, out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        return response.Headers.TryGetValue("Retry-After", out var retryAfter) ? ArmRetryRules.RetryAfter(retryAfter) : null;
    }

    /// <summary>delay * 2^(attempt-1), with ±20% jitter so parallel steps don't retry in lockstep; the gateway waits as long before it re-sends a write whose operation failed as retryable.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        double factor;
        lock (_jitter)
        {
            factor = 0.8 + (_jitter.NextDouble() * 0.4);
        }

        var milliseconds = _delay.TotalMilliseconds * Math.Pow(2, attempt - 1) * factor;
        return milliseconds >= _maxDelay.TotalMilliseconds ? _maxDelay : TimeSpan.FromMilliseconds(milliseconds);
    }
}
