using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Context;

/// <summary>Tokens from Az.Accounts' context (-FromAzContext): asked for by resource, renewed before they expire.</summary>
public class ExternalTokenCredentialTests
{
    private const string Subscription = "aaaaaaaa-0000-0000-0000-000000000001";

    [Fact]
    public async Task ATokenThatHasExpiredIsNeverSentTheSourceIsAskedAgain()
    {
        // Tokens that are already out of date by the next request, as a runbook's are once a plan outlives them.
        var source = new CountingSource(TimeSpan.FromSeconds(-1));
        var subscriptionBody = $$"""{"subscriptionId":"{{Subscription}}","displayName":"Production","tenantId":"t1","state":"Enabled"}""";
        var transport = new FakeTransport(new FakeResponse(200, subscriptionBody), new FakeResponse(200, subscriptionBody));
        using var context = await ContextFactory.ConnectAsync(
            new ConnectRequest { CredentialKind = CredentialKind.AzContext, TokenSource = source, Subscription = Subscription, AccountId = "MSI@50342" },
            transport,
            null,
            default);

        await context.GetArmGateway().GetSubscriptionAsync(Subscription, default);

        Assert.Equal(new[] { "Bearer token-1", "Bearer token-2" }, transport.Requests.Select(r => r.Headers["Authorization"]).ToArray());
        Assert.All(source.Resources, resource => Assert.Equal("https://management.azure.com/", resource + "/"));
        Assert.Equal("MSI@50342", context.Account);
        Assert.Equal("AzContext", context.CredentialType);
    }

    [Fact]
    public async Task ALongLivedTokenIsReusedUntilItNearsExpiry()
    {
        var source = new CountingSource(TimeSpan.FromHours(1));
        var subscriptionBody = $$"""{"subscriptionId":"{{Subscription}}","displayName":"Production","tenantId":"t1","state":"Enabled"}""";
        var transport = new FakeTransport(new FakeResponse(200, subscriptionBody), new FakeResponse(200, subscriptionBody));
        using var context = await ContextFactory.ConnectAsync(
            new ConnectRequest { CredentialKind = CredentialKind.AzContext, TokenSource = source, Subscription = Subscription, AccountId = "MSI@50342" },
            transport,
            null,
            default);

        await context.GetArmGateway().GetSubscriptionAsync(Subscription, default);

        Assert.Single(source.Resources);
    }

    [Fact]
    public void AFailingSourceIsAnAuthenticationFailure()
    {
        var credential = new ExternalTokenCredential(new FailingSource());

        var ex = Assert.Throws<AuthenticationFailedException>(() => credential.GetToken(new TokenRequestContext(new[] { "https://management.azure.com/.default" }), default));
        Assert.Contains("Run Connect-AzAccount", ex.Message);
    }

    [Fact]
    public async Task DisconnectingDisposesTheSource()
    {
        var source = new CountingSource(TimeSpan.FromHours(1));
        var transport = new FakeTransport(new FakeResponse(200, $$"""{"subscriptionId":"{{Subscription}}","displayName":"P","tenantId":"t1","state":"Enabled"}"""));
        var context = await ContextFactory.ConnectAsync(
            new ConnectRequest { CredentialKind = CredentialKind.AzContext, TokenSource = source, Subscription = Subscription, AccountId = "a" }, transport, null, default);

        context.Dispose();

        Assert.True(source.Disposed);
    }

    private sealed class CountingSource(TimeSpan lifetime) : IAccessTokenSource
    {
        public List<string> Resources { get; } = new();

        public bool Disposed { get; private set; }

        public ExternalAccessToken GetToken(string resource, CancellationToken cancellationToken)
        {
            Resources.Add(resource);
            return new ExternalAccessToken($"token-{Resources.Count}", DateTimeOffset.UtcNow + lifetime);
        }

        public void Dispose() => Disposed = true;
    }

    private sealed class FailingSource : IAccessTokenSource
    {
        public ExternalAccessToken GetToken(string resource, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Run Connect-AzAccount to login.");

        public void Dispose()
        {
        }
    }
}
