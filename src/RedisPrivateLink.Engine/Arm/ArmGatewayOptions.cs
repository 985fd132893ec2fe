using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>How an <see cref="ArmGateway"/> reaches ARM: endpoint, credential, transport, retries and polling.</summary>
public sealed class ArmGatewayOptions
{
    private static readonly TimeSpan MinimumScaledWait = TimeSpan.FromMilliseconds(10);

    public Uri ResourceManagerUrl { get; set; } = new("https://management.azure.com/");

    public TokenCredential? Credential { get; set; }

    /// <summary>The token scope; defaults to <c>{ResourceManagerUrl}/.default</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>
    /// When set, the HTTPS transport accepts exactly the server certificate with this SHA-1 thumbprint and no other
    /// (the local emulator's self-signed certificate). There is deliberately no way to switch validation off.
    /// </summary>
    public string? PinnedCertificateThumbprint { get; set; }

    /// <summary>A transport to use instead of HTTP (tests inject a fake one).</summary>
    public HttpPipelineTransport? Transport { get; set; }

    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of 408/429/5xx and of a busy resource's 409, each after Retry-After or an exponential delay.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>
    /// How many times a PUT is sent again, after the retry back-off, when its operation ended Failed with
    /// <c>RetryableError</c> (an endpoint whose subnet was still Updating from the subnet write just before it).
    /// </summary>
    public int MaxRetryableFailureResends { get; set; } = 3;

    /// <summary>
    /// How many more times, one poll interval apart, a resource this gateway just created is read when ARM answers 404:
    /// ARM replicates a new resource between regions, and a read served by another region may not see it yet
    /// (Microsoft's ARM team, hashicorp/terraform-provider-azurerm#18268).
    /// </summary>
    public int MaxNotFoundAfterCreateReads { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Poll interval when ARM sends no Retry-After: network and DNS operations finish in seconds.</summary>
    public TimeSpan PollingDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Poll interval for Microsoft.Cache, which sends no Retry-After and takes 15-30 minutes to create a cache.</summary>
    public TimeSpan RedisPollingDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Upper bound of any wait between polls, whatever Retry-After says.</summary>
    public TimeSpan MaxPollingDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// ARM's per-subscription limits that the gateway paces its requests to, all requests of the gateway together, so
    /// that concurrent operations wait their turn rather than meet 429s; null sends every request at once.
    /// </summary>
    public ArmRateLimits? RateLimits { get; set; } = ArmRateLimits.Azure;

    /// <summary>How the gateway waits between retries and polls and for its rate limits; tests replace it so they never sleep.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    /// <summary>
    /// Shortens the default poll intervals and retry back-off to <paramref name="clock"/>'s pace, for an emulator that
    /// runs Azure's operations faster. The ceiling on retry waits stays: a server's Retry-After (throttling) is real
    /// time even there.
    /// </summary>
    public void ScaleWaits(AzureClock clock)
    {
        if (clock is null)
        {
            throw new ArgumentNullException(nameof(clock));
        }

        PollingDelay = Scale(PollingDelay, clock);
        RedisPollingDelay = Scale(RedisPollingDelay, clock);
        MaxPollingDelay = Scale(MaxPollingDelay, clock);
        RetryDelay = Scale(RetryDelay, clock);
    }

    // Never below a few milliseconds, so a tiny scale cannot turn polling into a busy loop.
    private static TimeSpan Scale(TimeSpan value, AzureClock clock)
    {
        var scaled = clock.Scale(value);
        return scaled < MinimumScaledWait ? MinimumScaledWait : scaled;
    }
}
