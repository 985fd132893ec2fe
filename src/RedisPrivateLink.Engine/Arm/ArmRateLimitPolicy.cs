using System;
using System.Globalization;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>Runs once per HTTP attempt (retries included): waits for the <see cref="ArmRateLimiter"/>, then tells it what ARM says remains.</summary>
internal sealed class ArmRateLimitPolicy : HttpPipelinePolicy
{
    private readonly ArmRateLimiter _limiter;

    public ArmRateLimitPolicy(ArmRateLimiter limiter) => _limiter = limiter;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var kind = message.TryGetProperty(ArmDiagnosticsPolicy.KindProperty, out var value) && value is ArmRequestKind k ? k : ArmRequestKind.Read;
        var scope = ArmRateLimiter.ScopeOf(message.Request.Uri.ToUri());
        await _limiter.AcquireAsync(scope, kind, message.CancellationToken).ConfigureAwait(false);
        if (async)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        else
        {
            ProcessNext(message, pipeline);
        }

        var bucket = kind switch
        {
            ArmRequestKind.Write => "writes",
            ArmRequestKind.Delete => "deletes",
            _ => "reads",
        };

        // ARM's throttling version 2 counts a regional and a global bucket per subscription and answers each remainder
        // (x-ms-ratelimit-remaining-subscription-global-*; many Managed Redis reads carry only the global one, see
        // shared/recordings/additional). The tighter of those present is what the client has left. Tenant-level
        // requests answer x-ms-ratelimit-remaining-tenant-* instead (Microsoft docs, "Understand how Azure Resource
        // Manager throttles requests").
        var remaining = scope == ArmRateLimiter.TenantScope
            ? Remaining(message.Response, "x-ms-ratelimit-remaining-tenant-" + bucket)
            : Math.Min(
                Remaining(message.Response, "x-ms-ratelimit-remaining-subscription-" + bucket),
                Remaining(message.Response, "x-ms-ratelimit-remaining-subscription-global-" + bucket));
        if (remaining != int.MaxValue)
        {
            _limiter.Observe(scope, kind, remaining);
        }
    }

    /// <summary>The header's count, or int.MaxValue when ARM did not send it (or sent something else).</summary>
    private static int Remaining(Azure.Response response, string header) =>
        response.Headers.TryGetValue(header, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var remaining)
            ? remaining
            : int.MaxValue;
}
