using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>The client-side pacing of ARM's per-subscription buckets, on a clock the tests move.</summary>
public sealed class ArmRateLimiterTests : GatewayTestBase
{
    private readonly List<TimeSpan> _limiterWaits = new();
    private TimeSpan _now;

    [Fact]
    public async Task A_burst_goes_at_once_and_the_rest_waits_its_turn_at_the_rate()
    {
        var limiter = CreateLimiter(writes: new ArmRateLimit(3, 2));

        for (var i = 0; i < 5; i++)
        {
            await limiter.AcquireAsync(ArmRequestKind.Write, CancellationToken.None);
        }

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1) }, _limiterWaits);
    }

    [Fact]
    public async Task Time_refills_the_bucket_up_to_its_burst()
    {
        var limiter = CreateLimiter(writes: new ArmRateLimit(2, 2));
        await limiter.AcquireAsync(ArmRequestKind.Write, CancellationToken.None);
        await limiter.AcquireAsync(ArmRequestKind.Write, CancellationToken.None);

        _now += TimeSpan.FromSeconds(10);
        for (var i = 0; i < 3; i++)
        {
            await limiter.AcquireAsync(ArmRequestKind.Write, CancellationToken.None);
        }

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.5) }, _limiterWaits);
    }

    [Fact]
    public async Task What_ARM_says_remains_lowers_the_count_but_never_raises_it()
    {
        // Five of the hundred stay in hand: ARM's 6 leaves the client one.
        var limiter = CreateLimiter(writes: new ArmRateLimit(100, 10));
        limiter.Observe(ArmRequestKind.Write, 6);
        limiter.Observe(ArmRequestKind.Write, 50);

        await limiter.AcquireAsync(ArmRequestKind.Write, CancellationToken.None);
        await limiter.AcquireAsync(ArmRequestKind.Write, CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.1) }, _limiterWaits);
    }

    [Fact]
    public async Task A_twentieth_of_the_burst_stays_in_hand_for_requests_that_reach_ARM_bunched()
    {
        var limiter = CreateLimiter(writes: new ArmRateLimit(40, 10));

        for (var i = 0; i < 39; i++)
        {
            await limiter.AcquireAsync(ArmRequestKind.Write, CancellationToken.None);
        }

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.1) }, _limiterWaits);
    }

    [Fact]
    public async Task Polls_spend_the_read_budget_and_writes_their_own()
    {
        var limiter = CreateLimiter(reads: new ArmRateLimit(1, 4), writes: new ArmRateLimit(1, 1));

        await limiter.AcquireAsync(ArmRequestKind.Read, CancellationToken.None);
        await limiter.AcquireAsync(ArmRequestKind.Write, CancellationToken.None);
        await limiter.AcquireAsync(ArmRequestKind.Poll, CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.25) }, _limiterWaits);
    }

    [Fact]
    public async Task The_gateway_paces_its_requests_and_learns_from_the_remaining_header()
    {
        var transport = new FakeTransport(
            Json(200, Group, ("x-ms-ratelimit-remaining-subscription-reads", "0")),
            Json(200, Group),
            Json(200, Group));
        await ReadGroupThreeTimesAsync(transport);

        // ARM said nothing remains after the first: the second waits a whole token, the third one more (give or take
        // the real time the test took).
        Assert.Equal(3, transport.Requests.Count);
        Assert.Equal(2, Waits.Count);
        Assert.InRange(Waits[0].TotalSeconds, 0.5, 1.0);
        Assert.InRange(Waits[1].TotalSeconds, 1.5, 2.0);
    }

    [Fact]
    public async Task The_gateway_learns_from_the_global_remaining_header_when_it_is_the_tighter_or_the_only_one()
    {
        var transport = new FakeTransport(
            // Throttling version 2: many reads carry only the global remainder (shared/recordings/additional).
            Json(200, Group, ("x-ms-ratelimit-remaining-subscription-global-reads", "0"), ("x-ms-throttling-version", "v2")),
            Json(200, Group, ("x-ms-ratelimit-remaining-subscription-reads", "9"), ("x-ms-ratelimit-remaining-subscription-global-reads", "0")),
            Json(200, Group));
        await ReadGroupThreeTimesAsync(transport);

        // Each answer said nothing remains globally: the second and third requests wait their turn.
        Assert.Equal(3, transport.Requests.Count);
        Assert.Equal(2, Waits.Count);
        Assert.InRange(Waits[0].TotalSeconds, 0.5, 1.0);
        Assert.InRange(Waits[1].TotalSeconds, 1.5, 2.0);
    }

    private ArmRateLimiter CreateLimiter(ArmRateLimit? reads = null, ArmRateLimit? writes = null) =>
        new(
            new ArmRateLimits { Reads = reads ?? new ArmRateLimit(250, 25), Writes = writes ?? new ArmRateLimit(200, 10) },
            () => _now,
            (wait, _) =>
            {
                _limiterWaits.Add(wait);
                return Task.CompletedTask;
            });

    private const string Group = """{"id":"/subscriptions/s/resourceGroups/rg1","name":"rg1","properties":{"provisioningState":"Succeeded"}}""";

    /// <summary>Three reads of one group through a gateway pacing reads at 10 + 1/s, its waits recorded in <see cref="Waits"/>.</summary>
    private async Task ReadGroupThreeTimesAsync(FakeTransport transport)
    {
        var gateway = new ArmGateway(new ArmGatewayOptions
        {
            Credential = Credential,
            Transport = transport,
            RateLimits = new ArmRateLimits { Reads = new ArmRateLimit(10, 1) },
            Delay = (wait, _) =>
            {
                Waits.Add(wait);
                return Task.CompletedTask;
            },
        });

        for (var i = 0; i < 3; i++)
        {
            await gateway.GetAsync<ResourceGroup>(ResourceId.ForResourceGroup(Subscription, "rg1"));
        }
    }
}
