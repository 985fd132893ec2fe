using System.Net;
using Azure.Core;
using RedisPrivateLink.Connectivity.Tests.Infrastructure;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Connectivity;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Connectivity.Tests;

/// <summary>AUTH as a Microsoft Entra principal (user name its object id, password its token) against a real redis-server.</summary>
public sealed class EntraAuthenticationTests : IClassFixture<RedisServer>, IDisposable
{
    private readonly RedisServer _redis;
    private readonly LoopbackDnsResponder _dns = new();

    public EntraAuthenticationTests(RedisServer redis)
    {
        _redis = redis;
        _dns.LinkedZone();
    }

    [Fact]
    public async Task TheTokensPrincipalAuthenticatesAndPings()
    {
        var options = Probes.TrustingOptions(_dns, _redis);
        options.EntraToken = RedisEntraToken.FromAccessToken(_redis.EntraToken);

        var report = await Probes.RunAsync(options);

        Assert.True(report.AllPassed, string.Join(Environment.NewLine, report.Checks));
        Assert.Contains($"AUTH for Microsoft Entra principal {RedisServer.EntraObjectId} accepted", report.Single(ConnectivityCheckNames.Authentication).Evidence);
        Assert.StartsWith("PONG in ", report.Single(ConnectivityCheckNames.Ping).Evidence);
        var token = new NetworkCredential(string.Empty, _redis.EntraToken).Password;
        Assert.DoesNotContain(report.Checks, c => $"{c.Target}{c.Evidence}{c.Hint}".Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APrincipalWithoutAccessFailsWithTheDataAccessHint()
    {
        const string stranger = "0b9e4f7c-5d1a-4c3e-8f2b-6a7d9e1c3b50";
        var token = RedisServer.TokenFor(stranger);
        var options = Probes.TrustingOptions(_dns, _redis);
        options.EntraToken = RedisEntraToken.FromAccessToken(RedisServer.ToSecureString(token));

        var report = await Probes.RunAsync(options);

        var authentication = report.Single(ConnectivityCheckNames.Authentication);
        Assert.False(authentication.Passed);
        Assert.Contains($"Microsoft Entra token of principal {stranger}", authentication.Evidence);
        Assert.Contains("data access policy", authentication.Hint);
        Assert.Null(report.Single(ConnectivityCheckNames.Ping).Passed);
        Assert.DoesNotContain(report.Checks, c => $"{c.Target}{c.Evidence}{c.Hint}".Contains(token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL3JlZGlzLmF6dXJlLmNvbSJ9.c2ln")]
    public void ATokenWithoutAnObjectIdIsRefusedWithoutEchoingIt(string token)
    {
        var error = Assert.Throws<RedisPrivateLinkException>(() => RedisEntraToken.FromAccessToken(RedisServer.ToSecureString(token)));

        Assert.Equal("InvalidEntraToken", error.ErrorId);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheContextsCredentialIsAskedForARedisToken()
    {
        var credential = new RecordingCredential(new NetworkCredential(string.Empty, _redis.EntraToken).Password);

        var entra = await RedisEntraToken.AcquireAsync(credential, CancellationToken.None);

        Assert.Equal(["https://redis.azure.com/.default"], credential.Scopes);
        Assert.Equal(RedisServer.EntraObjectId, entra.ObjectId);
        Assert.Equal(new NetworkCredential(string.Empty, _redis.EntraToken).Password, new NetworkCredential(string.Empty, entra.Token).Password);
        Assert.True(entra.Token.IsReadOnly());
    }

    [Theory]
    [InlineData(CredentialKind.ServicePrincipalSecret, true)]
    [InlineData(CredentialKind.ManagedIdentity, true)]
    [InlineData(CredentialKind.Emulator, false)]
    public async Task AnIdentitySignedInAtTheEmulatorGetsATokenItsStaticSignInDoesNot(CredentialKind kind, bool issued)
    {
        var credential = new RecordingCredential(new NetworkCredential(string.Empty, _redis.EntraToken).Password);
        var environment = AzureCloudEnvironment.AzureCloud.AtEmulator(new Uri("https://127.0.0.1:5001/"));
        using var gateway = new ArmGateway(new ArmGatewayOptions { ResourceManagerUrl = environment.ResourceManagerUrl, Credential = credential, Scope = environment.Scope });
        using var context = new RedisPrivateLinkContext(environment, Guid.Empty.ToString(), null, null, "account", kind, gateway, credential);

        var acquired = await Record.ExceptionAsync(() => RedisEntraToken.AcquireAsync(context, CancellationToken.None));

        Assert.True(context.IsEmulator);
        Assert.Equal(issued ? null : "EntraTokenUnavailable", (acquired as RedisPrivateLinkException)?.ErrorId);
        Assert.Equal(issued ? ["https://redis.azure.com/.default"] : [], credential.Scopes);
    }

    public void Dispose() => _dns.Dispose();

    private sealed class RecordingCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
