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
            await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);
        }

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1) }, _limiterWaits);
    }

    [Fact]
    public async Task Time_refills_the_bucket_up_to_its_burst()
    {
        var limiter = CreateLimiter(writes: new ArmRateLimit(2, 2));
        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);
        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);

        _now += TimeSpan.FromSeconds(10);
        for (var i = 0; i < 3; i++)
        {
            await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);
        }

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.5) }, _limiterWaits);
    }

    [Fact]
    public async Task What_ARM_says_remains_lowers_the_count_but_never_raises_it()
    {
        // Five of the hundred stay in hand: ARM's 6 leaves the client one.
        var limiter = CreateLimiter(writes: new ArmRateLimit(100, 10));
        limiter.Observe(SubscriptionA, ArmRequestKind.Write, 6);
        limiter.Observe(SubscriptionA, ArmRequestKind.Write, 50);

        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);
        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.1) }, _limiterWaits);
    }

    [Fact]
    public async Task A_twentieth_of_the_burst_stays_in_hand_for_requests_that_reach_ARM_bunched()
    {
        var limiter = CreateLimiter(writes: new ArmRateLimit(40, 10));

        for (var i = 0; i < 39; i++)
        {
            await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);
        }

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.1) }, _limiterWaits);
    }

    [Fact]
    public async Task Polls_spend_the_read_budget_and_writes_their_own()
    {
        var limiter = CreateLimiter(reads: new ArmRateLimit(1, 4), writes: new ArmRateLimit(1, 1));

        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Read, CancellationToken.None);
        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);
        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Poll, CancellationToken.None);

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

    [Fact]
    public async Task Each_subscription_has_its_own_buckets_so_exhausting_one_does_not_delay_another()
    {
        var limiter = CreateLimiter(writes: new ArmRateLimit(3, 2));

        for (var i = 0; i < 4; i++)
        {
            await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);
        }

        for (var i = 0; i < 3; i++)
        {
            await limiter.AcquireAsync(SubscriptionB, ArmRequestKind.Write, CancellationToken.None);
        }

        // Only A's fourth write waits (three in A's burst, B's first three in its own); B's third takes B's last token.
        Assert.Equal(new[] { TimeSpan.FromSeconds(0.5) }, _limiterWaits);
    }

    [Fact]
    public async Task What_ARM_says_remains_in_one_subscription_lowers_that_subscription_only()
    {
        var limiter = CreateLimiter(writes: new ArmRateLimit(100, 10));
        limiter.Observe(SubscriptionA, ArmRequestKind.Write, 5);

        await limiter.AcquireAsync(SubscriptionB, ArmRequestKind.Write, CancellationToken.None);
        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Write, CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.1) }, _limiterWaits);
    }

    [Fact]
    public async Task Tenant_level_requests_spend_a_budget_of_their_own()
    {
        var limiter = CreateLimiter(reads: new ArmRateLimit(1, 4));

        await limiter.AcquireAsync(SubscriptionA, ArmRequestKind.Read, CancellationToken.None);
        await limiter.AcquireAsync(ArmRateLimiter.TenantScope, ArmRequestKind.Read, CancellationToken.None);
        await limiter.AcquireAsync(ArmRateLimiter.TenantScope, ArmRequestKind.Read, CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(0.25) }, _limiterWaits);
    }

    [Theory]
    [InlineData("https://management.azure.com/subscriptions/aaaa/resourceGroups/rg/providers/Microsoft.Cache/redis/c?api-version=2024-11-01", "aaaa")]
    [InlineData("https://management.azure.com/SUBSCRIPTIONS/aaaa/providers/Microsoft.Cache/locations/East%20US/asyncOperations/1?api-version=2024-11-01", "aaaa")]
    [InlineData("https://management.azure.com/subscriptions/aaaa?api-version=2022-12-01", "aaaa")]
    [InlineData("https://management.azure.com/subscriptions?api-version=2022-12-01", "")]
    [InlineData("https://management.azure.com/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01", "")]
    public void A_request_is_charged_to_the_subscription_its_path_names_or_to_the_tenant(string uri, string scope) =>
        Assert.Equal(scope, ArmRateLimiter.ScopeOf(new Uri(uri)));

    [Fact]
    public async Task The_gateway_learns_each_subscriptions_remaining_header_for_that_subscription()
    {
        var transport = new FakeTransport(
            Json(200, Group, ("x-ms-ratelimit-remaining-subscription-reads", "0")),
            Json(200, Group),
            Json(200, Group));
        var gateway = PacingGateway(transport);

        await gateway.GetAsync<ResourceGroup>(ResourceId.ForResourceGroup(Subscription, "rg1"));
        await gateway.GetAsync<ResourceGroup>(ResourceId.ForResourceGroup(OtherSubscription, "rg1"));
        await gateway.GetAsync<ResourceGroup>(ResourceId.ForResourceGroup(Subscription, "rg1"));

        // ARM said nothing remains in the first subscription: the other's read goes at once, the first's next one waits.
        Assert.Equal(3, transport.Requests.Count);
        Assert.Single(Waits);
        Assert.InRange(Waits[0].TotalSeconds, 0.5, 1.0);
    }

    [Fact]
    public async Task The_gateway_learns_the_tenant_remaining_header_for_tenant_level_requests_only()
    {
        const string Subscriptions = """{"value":[]}""";
        var transport = new FakeTransport(
            Json(200, Subscriptions, ("x-ms-ratelimit-remaining-tenant-reads", "0")),
            Json(200, Group),
            Json(200, Subscriptions));
        var gateway = PacingGateway(transport);

        await gateway.ListSubscriptionsAsync();
        await gateway.GetAsync<ResourceGroup>(ResourceId.ForResourceGroup(Subscription, "rg1"));
        await gateway.ListSubscriptionsAsync();

        // The tenant's budget is spent: the subscription's read goes at once, the tenant's next one waits.
        Assert.Equal(3, transport.Requests.Count);
        Assert.Single(Waits);
        Assert.InRange(Waits[0].TotalSeconds, 0.5, 1.0);
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

    private const string SubscriptionA = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string SubscriptionB = "bbbbbbbb-0000-0000-0000-000000000002";
    private const string OtherSubscription = "11111111-1111-1111-1111-111111111111";

    private const string Group = """{"id":"/subscriptions/s/resourceGroups/rg1","name":"rg1","properties":{"provisioningState":"Succeeded"}}""";

    /// <summary>Three reads of one group through <see cref="PacingGateway"/>.</summary>
    private async Task ReadGroupThreeTimesAsync(FakeTransport transport)
    {
        var gateway = PacingGateway(transport);
        for (var i = 0; i < 3; i++)
        {
            await gateway.GetAsync<ResourceGroup>(ResourceId.ForResourceGroup(Subscription, "rg1"));
        }
    }

    /// <summary>A gateway pacing reads at 10 + 1/s, its waits recorded in <see cref="Waits"/>.</summary>
    private ArmGateway PacingGateway(FakeTransport transport) =>
        new(new ArmGatewayOptions
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
}
