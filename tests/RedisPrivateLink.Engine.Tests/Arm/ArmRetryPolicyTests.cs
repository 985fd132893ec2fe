using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>
/// What the gateway sends again: every idempotent request after any transient failure, a POST action only when ARM
/// said it did not act on it — a second export or import would start a second operation.
/// </summary>
public class ArmRetryPolicyTests : GatewayTestBase
{
    private static readonly ResourceId Cache = ResourceId.ForResource(Subscription, "rg1", "Microsoft.Cache/redis", "cache1");

    private static readonly string Export = Cache + "/export";

    private static readonly FakeResponse Accepted = new(202);

    [Fact]
    public async Task AnExportAnswered500IsNotSentAgain()
    {
        var transport = new FakeTransport(_ => Json(500, """{"error":{"code":"InternalServerError","message":"oops"}}"""));

        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PostActionAsync(Export, new { prefix = "p" }, waitForCompletion: false));

        Assert.Equal(500, ex.Status);
        Assert.Single(transport.Requests);
        Assert.Empty(Waits);
    }

    [Fact]
    public async Task AnExportWhoseConnectionDroppedIsNotSentAgainAndSaysARerunContinues()
    {
        var transport = new FakeTransport(_ => throw new IOException("The response ended prematurely."));

        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => CreateGateway(transport).PostActionAsync(Export, new { prefix = "p" }, waitForCompletion: false));

        Assert.Equal("ArmUnreachable", ex.ErrorId);
        Assert.DoesNotContain("after retries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("running the same command again continues", ex.Message, StringComparison.Ordinal);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task AThrottledExportIsSentAgainAfterRetryAfter()
    {
        var transport = new FakeTransport(
            Json(429, """{"error":{"code":"SubscriptionRequestsThrottled","message":"slow down"}}""", ("Retry-After", "3")),
            Json(409, """{"error":{"code":"Conflict","message":"The resource '/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Cache/Redis/cache1' is busy processing a previous update request or is undergoing system maintenance. As such, it is currently unable to accept the update request. Please try again later."}}"""),
            Accepted);

        var response = await CreateGateway(transport).PostActionAsync(Export, new { prefix = "p" }, waitForCompletion: false);

        Assert.Equal(202, response.Status);
        Assert.Equal(3, transport.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), Waits[0]);
    }

    [Theory]
    [InlineData("/listKeys")]
    [InlineData("/providers/Microsoft.Cache/CheckNameAvailability")]
    public async Task ReadOnlyActionsAreSentAgainAfterA500AndADrop(string action)
    {
        var path = action.StartsWith("/providers", StringComparison.Ordinal) ? $"/subscriptions/{Subscription}{action}" : Cache + action;
        var answers = 0;
        var transport = new FakeTransport(_ => ++answers switch
        {
            1 => Json(500, """{"error":{"code":"InternalServerError","message":"oops"}}"""),
            2 => throw new IOException("The response ended prematurely."),
            _ => Json(200, "{}"),
        });

        var response = await CreateGateway(transport).PostActionAsync(path, null, waitForCompletion: false);

        Assert.Equal(200, response.Status);
        Assert.Equal(3, transport.Requests.Count);
    }

    /// <summary>Azure.Core's own network timeout, not a stand-in: the transport hangs until the pipeline gives up on it.</summary>
    [Fact]
    public async Task APutPastTheNetworkTimeoutIsSentAgain()
    {
        var transport = new HangingTransport(hangs: 1, new FakeTransport(Json(200, """{"id":"/x","name":"cache1","properties":{"provisioningState":"Succeeded"}}""")));

        var cache = await CreateGateway(transport, TimeSpan.FromMilliseconds(200)).PutAsync(Cache, new RedisCache());

        Assert.Equal("cache1", cache.Name);
        Assert.Equal(2, transport.Attempts);
        Assert.Contains(Reporter.VerboseLines, l => l.StartsWith("Retrying PUT", StringComparison.Ordinal) && l.Contains("network error"));
    }

    [Fact]
    public async Task AnExportPastTheNetworkTimeoutIsNotSentAgainAndIsATimeoutNotACancellation()
    {
        var transport = new HangingTransport(hangs: int.MaxValue, new FakeTransport());

        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => CreateGateway(transport, TimeSpan.FromMilliseconds(200)).PostActionAsync(Export, new { prefix = "p" }));

        Assert.Equal("ArmRequestTimedOut", ex.ErrorId);
        Assert.Contains("running the same command again continues", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, transport.Attempts);
    }

    [Fact]
    public async Task AGetThatKeepsTimingOutStopsWithATimeoutOnceRetriesAreSpent()
    {
        var transport = new HangingTransport(hangs: int.MaxValue, new FakeTransport());

        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => CreateGateway(transport, TimeSpan.FromMilliseconds(100), maxRetries: 2).GetAsync<RedisCache>(Cache));

        Assert.Equal("ArmRequestTimedOut", ex.ErrorId);
        Assert.Contains("after retries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, transport.Attempts);
    }

    private ArmGateway CreateGateway(HttpPipelineTransport transport, TimeSpan networkTimeout, int maxRetries = 6) => new(new ArmGatewayOptions
    {
        Credential = Credential,
        Transport = transport,
        NetworkTimeout = networkTimeout,
        MaxRetries = maxRetries,
        Delay = (_, token) => Task.Delay(TimeSpan.Zero, token),
    });

    /// <summary>Never answers the first <c>hangs</c> requests (until the pipeline cancels them), then lets the inner transport answer.</summary>
    private sealed class HangingTransport : HttpPipelineTransport
    {
        private readonly int _hangs;
        private readonly FakeTransport _inner;
        private int _attempts;

        public HangingTransport(int hangs, FakeTransport inner)
        {
            _hangs = hangs;
            _inner = inner;
        }

        public int Attempts => Volatile.Read(ref _attempts);

        public override Request CreateRequest() => _inner.CreateRequest();

        public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            if (Interlocked.Increment(ref _attempts) <= _hangs)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, message.CancellationToken).ConfigureAwait(false);
            }

            await _inner.ProcessAsync(message).ConfigureAwait(false);
        }
    }
}
