using System;
using System.Security;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Context;

/// <summary>A static -AccessToken, never renewed, must outlast the plan it is used for.</summary>
public class AccessTokenLifetimeTests
{
    private const string Subscription = "aaaaaaaa-0000-0000-0000-000000000001";
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ATokenThatExpiresBeforeThePlanEndsIsRefusedNamingBothTimes()
    {
        using var context = await ConnectWithTokenAsync($$"""{"upn":"admin@contoso.com","exp":{{Now.AddMinutes(20).ToUnixTimeSeconds()}}}""");

        var ex = Assert.Throws<ValidationException>(() => AccessTokenLifetime.Check(context, AccessTokenLifetime.CacheCreatePlan, force: false, Now));

        Assert.Equal("AccessTokenExpiresTooSoon", ex.ErrorId);
        Assert.Equal("AccessToken", ex.ParameterName);
        Assert.Contains("2026-12-08 00:20:00 UTC", ex.Message);
        Assert.Contains("2026-12-08 00:30:00 UTC", ex.Message);
    }

    [Fact]
    public async Task WithForceItIsAWarning()
    {
        using var context = await ConnectWithTokenAsync($$"""{"upn":"admin@contoso.com","exp":{{Now.AddMinutes(20).ToUnixTimeSeconds()}}}""");

        var warning = AccessTokenLifetime.Check(context, AccessTokenLifetime.MigrationPlan, force: true, Now);

        Assert.Contains("-Force", warning);
    }

    [Fact]
    public async Task ATokenThatOutlastsThePlanOrHasNoExpiryPasses()
    {
        using var lasting = await ConnectWithTokenAsync($$"""{"upn":"admin@contoso.com","exp":{{Now.AddMinutes(61).ToUnixTimeSeconds()}}}""");
        using var unknown = await ConnectWithTokenAsync("""{"upn":"admin@contoso.com"}""");

        Assert.Null(AccessTokenLifetime.Check(lasting, AccessTokenLifetime.MigrationPlan, force: false, Now));
        Assert.Null(AccessTokenLifetime.Check(unknown, AccessTokenLifetime.MigrationPlan, force: false, Now));
    }

    private static Task<RedisPrivateLinkContext> ConnectWithTokenAsync(string claims)
    {
        var secure = new SecureString();
        foreach (var c in JwtAccountTests.Token(claims))
        {
            secure.AppendChar(c);
        }

        var transport = new FakeTransport(new FakeResponse(200, $$"""{"subscriptionId":"{{Subscription}}","displayName":"P","tenantId":"t1","state":"Enabled"}"""));
        return ContextFactory.ConnectAsync(new ConnectRequest { CredentialKind = CredentialKind.AccessToken, AccessToken = secure, Subscription = Subscription }, transport, null, default);
    }
}
