using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Resource Graph's quota, honoured per HTTP attempt: every answer says what remains of the user's queries
/// (x-ms-user-quota-remaining) and when that count resets (x-ms-user-quota-resets-after, hh:mm:ss), "at most 15
/// queries within every 5-second window" by default (Microsoft docs, "Guidance for throttled requests in Azure Resource
/// Graph"). Once an answer says none remain, the next query waits for the reset instead of meeting 429; a 429 (others
/// spent the quota) says the same, so its retry waits as long. Other requests pass untouched.
/// </summary>
internal sealed class ResourceGraphQuotaPolicy : HttpPipelinePolicy
{
    internal const string Path = "/providers/Microsoft.ResourceGraph/";
    internal const string RemainingHeader = "x-ms-user-quota-remaining";
    internal const string ResetsAfterHeader = "x-ms-user-quota-resets-after";

    private readonly Func<TimeSpan> _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;
    private readonly object _gate = new();
    private TimeSpan? _resetsAt;

    public ResourceGraphQuotaPolicy(Func<TimeSpan> clock, Func<TimeSpan, CancellationToken, Task> wait)
    {
        _clock = clock;
        _wait = wait;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    /// <summary>hh:mm:ss (or any TimeSpan text); null when absent or unreadable.</summary>
    internal static TimeSpan? ResetsAfter(string? value) =>
        value is not null && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) && duration >= TimeSpan.Zero ? duration : null;

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var isQuery = message.Request.Uri.Path.StartsWith(Path, StringComparison.OrdinalIgnoreCase);
        if (isQuery)
        {
            var wait = TimeSpan.Zero;
            lock (_gate)
            {
                if (_resetsAt is { } resetsAt)
                {
                    wait = resetsAt - _clock();
                }
            }

            if (wait > TimeSpan.Zero)
            {
                OperationReporter.Current.Verbose($"Resource Graph's query quota is spent; waiting {wait.TotalSeconds:0.#} s for it to reset (x-ms-user-quota-resets-after).");
                await _wait(wait, message.CancellationToken).ConfigureAwait(false);
            }
        }

        if (async)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        else
        {
            ProcessNext(message, pipeline);
        }

        if (isQuery && message.HasResponse)
        {
            Observe(message.Response);
        }
    }

    private void Observe(Azure.Response response)
    {
        var spent = (response.Headers.TryGetValue(RemainingHeader, out var remaining)
                     && int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count <= 0)
                    || response.Status == 429;
        var resetsAfter = response.Headers.TryGetValue(ResetsAfterHeader, out var text) ? ResetsAfter(text) : null;
        lock (_gate)
        {
            _resetsAt = spent && resetsAfter is { } after ? _clock() + after : null;
        }
    }
}
