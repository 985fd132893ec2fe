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
        await _limiter.AcquireAsync(kind, message.CancellationToken).ConfigureAwait(false);
        if (async)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        else
        {
            ProcessNext(message, pipeline);
        }

        var header = kind switch
        {
            ArmRequestKind.Write => "x-ms-ratelimit-remaining-subscription-writes",
            ArmRequestKind.Delete => "x-ms-ratelimit-remaining-subscription-deletes",
            _ => "x-ms-ratelimit-remaining-subscription-reads",
        };
        if (message.Response.Headers.TryGetValue(header, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var remaining))
        {
            _limiter.Observe(kind, remaining);
        }
    }
}
