using System;
using System.IO;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Azure.Identity;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Context;

public class ContextFactoryTests
{
    private const string SubscriptionA = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string SubscriptionB = "bbbbbbbb-0000-0000-0000-000000000002";
    private static readonly string Token = JwtAccountTests.Token("""{"upn":"admin@contoso.com","exp":1893456000}""");

    private static readonly string SubscriptionList = $$"""
        {"value":[
          {"id":"/subscriptions/{{SubscriptionA}}","subscriptionId":"{{SubscriptionA}}","displayName":"Production","tenantId":"t1","state":"Enabled"},
          {"id":"/subscriptions/{{SubscriptionB}}","subscriptionId":"{{SubscriptionB}}","displayName":"Dev","tenantId":"t1","state":"Enabled"},
          {"id":"/subscriptions/cccccccc-0000-0000-0000-000000000003","subscriptionId":"cccccccc-0000-0000-0000-000000000003","displayName":"dev","tenantId":"t2","state":"Disabled"}]}
        """;

    [Theory]
    [InlineData(CredentialKind.Default, typeof(DefaultAzureCredential))]
    [InlineData(CredentialKind.ManagedIdentity, typeof(ManagedIdentityCredential))]
    [InlineData(CredentialKind.ServicePrincipalSecret, typeof(ClientSecretCredential))]
    [InlineData(CredentialKind.DeviceCode, typeof(DeviceCodeCredential))]
    [InlineData(CredentialKind.AccessToken, typeof(StaticTokenCredential))]
    [InlineData(CredentialKind.Emulator, typeof(StaticTokenCredential))]
    public void BuildsTheCredentialOfTheRequestedKind(CredentialKind kind, Type expected)
    {
        var request = new ConnectRequest
        {
            CredentialKind = kind,
            Tenant = "t1",
            ClientId = "app-id",
            ClientSecret = Secure("secret"),
            AccessToken = Secure(Token),
            DeviceCodePrompt = _ => { },
        };
        Assert.IsType(expected, CredentialFactory.Create(request, AzureCloudEnvironment.AzureCloud));
    }

    [Fact]
    public void CertificateCredentialLoadsAPfxFile()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pfx");
        using (var key = RSA.Create(2048))
        {
            var certificate = new CertificateRequest("CN=sp", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pw"));
        }

        try
        {
            var request = new ConnectRequest { CredentialKind = CredentialKind.ServicePrincipalCertificate, Tenant = "t", ClientId = "c", CertificatePath = path, CertificatePassword = Secure("pw") };
            Assert.IsType<ClientCertificateCredential>(CredentialFactory.Create(request, AzureCloudEnvironment.AzureCloud));
            request.CertificatePassword = Secure("wrong");
            Assert.Equal("InvalidCertificate", Assert.Throws<RedisPrivateLinkException>(() => CredentialFactory.Create(request, AzureCloudEnvironment.AzureCloud)).ErrorId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(CredentialKind.ServicePrincipalSecret, null, "c", "MissingTenant")]
    [InlineData(CredentialKind.ServicePrincipalSecret, "t", null, "MissingClientId")]
    [InlineData(CredentialKind.ServicePrincipalCertificate, "t", "c", "MissingCertificatePath")]
    [InlineData(CredentialKind.AccessToken, "t", "c", "MissingAccessToken")]
    [InlineData(CredentialKind.DeviceCode, "t", "c", "MissingDeviceCodePrompt")]
    public void MissingInputIsRefusedBeforeSigningIn(CredentialKind kind, string? tenant, string? clientId, string errorId)
    {
        var request = new ConnectRequest { CredentialKind = kind, Tenant = tenant, ClientId = clientId, ClientSecret = Secure("s") };
        Assert.Equal(errorId, Assert.Throws<RedisPrivateLinkException>(() => CredentialFactory.Create(request, AzureCloudEnvironment.AzureCloud)).ErrorId);
    }

    [Fact]
    public void UnknownCertificateThumbprintIsCertificateNotFound()
    {
        var request = new ConnectRequest { CredentialKind = CredentialKind.ServicePrincipalCertificate, Tenant = "t", ClientId = "c", CertificateThumbprint = "00112233445566778899AABBCCDDEEFF00112233" };
        var ex = Assert.Throws<RedisPrivateLinkException>(() => CredentialFactory.Create(request, AzureCloudEnvironment.AzureCloud));
        Assert.Equal("CertificateNotFound", ex.ErrorId);
        Assert.Contains("CurrentUser", ex.Message);
        request.CertificateThumbprint = null;
        request.CertificatePath = "/nonexistent/sp.pfx";
        Assert.Equal("CertificateNotFound", Assert.Throws<RedisPrivateLinkException>(() => CredentialFactory.Create(request, AzureCloudEnvironment.AzureCloud)).ErrorId);
    }

    [Fact]
    public async Task SubscriptionByIdIsReadDirectly()
    {
        var transport = new FakeTransport(new FakeResponse(200, $$"""{"subscriptionId":"{{SubscriptionB}}","displayName":"Dev","tenantId":"t1","state":"Enabled"}"""));
        using var context = await Connect(transport, SubscriptionB);
        Assert.Equal(SubscriptionB, context.SubscriptionId);
        Assert.Equal("Dev", context.SubscriptionName);
        Assert.Equal("t1", context.TenantId);
        Assert.Equal("admin@contoso.com", context.Account);
        Assert.Equal("AccessToken", context.CredentialType);
        var request = Assert.Single(transport.Requests);
        Assert.Equal($"/subscriptions/{SubscriptionB}", request.Path);
        Assert.Equal(TestApiVersions.Subscriptions, request.ApiVersion);
        Assert.Equal("Bearer " + Token, request.Headers["Authorization"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ANetworkTimeoutThatIsNotPositiveIsRefusedBeforeAnyRequest(int seconds)
    {
        var transport = new FakeTransport();
        var request = new ConnectRequest { CredentialKind = CredentialKind.AccessToken, AccessToken = Secure(Token), Subscription = SubscriptionB, NetworkTimeout = TimeSpan.FromSeconds(seconds) };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ContextFactory.ConnectAsync(request, transport, null, default));

        Assert.Empty(transport.Requests);
    }

    [Fact]
    public async Task SubscriptionByNameMatchesIgnoringCase()
    {
        using var context = await Connect(new FakeTransport(new FakeResponse(200, SubscriptionList)), "PRODUCTION");
        Assert.Equal(SubscriptionA, context.SubscriptionId);
    }

    [Fact]
    public async Task AmbiguousNameListsTheCandidates()
    {
        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => Connect(new FakeTransport(new FakeResponse(200, SubscriptionList)), "dev"));
        Assert.Equal("AmbiguousSubscription", ex.ErrorId);
        Assert.Contains(SubscriptionB, ex.Message);
        Assert.Contains("cccccccc-0000-0000-0000-000000000003", ex.Message);
    }

    [Fact]
    public async Task TenantNarrowsTheNameMatch()
    {
        var transport = new FakeTransport(new FakeResponse(200, SubscriptionList));
        using var context = await Connect(transport, "dev", tenant: "t1");
        Assert.Equal(SubscriptionB, context.SubscriptionId);
    }

    [Fact]
    public async Task UnknownNameAndIdAreSubscriptionNotFound()
    {
        var byName = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => Connect(new FakeTransport(new FakeResponse(200, SubscriptionList)), "Staging"));
        Assert.Equal("SubscriptionNotFound", byName.ErrorId);
        Assert.Contains("'Production'", byName.Message);

        var byId = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => Connect(new FakeTransport(new FakeResponse(404, """{"error":{"code":"SubscriptionNotFound","message":"x"}}""")), SubscriptionA));
        Assert.Equal("SubscriptionNotFound", byId.ErrorId);
    }

    [Fact]
    public async Task WithoutASubscriptionTheOnlyEnabledOneIsUsedElseTheChoicesAreListed()
    {
        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => Connect(new FakeTransport(new FakeResponse(200, SubscriptionList)), null));
        Assert.Equal("SubscriptionRequired", ex.ErrorId);
        Assert.Contains("'Production'", ex.Message);
        Assert.DoesNotContain("cccccccc", ex.Message);

        var single = SubscriptionList.Replace("\"displayName\":\"Dev\",\"tenantId\":\"t1\",\"state\":\"Enabled\"", "\"displayName\":\"Dev\",\"tenantId\":\"t1\",\"state\":\"Disabled\"");
        using var context = await Connect(new FakeTransport(new FakeResponse(200, single)), null);
        Assert.Equal(SubscriptionA, context.SubscriptionId);

        var none = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => Connect(new FakeTransport(new FakeResponse(200, """{"value":[]}""")), null));
        Assert.Equal("NoSubscriptionFound", none.ErrorId);
    }

    [Fact]
    public async Task EmulatorUsesTheConnectionFile()
    {
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json");
        File.WriteAllText(file, EmulatorConnectionTests.Json());
        try
        {
            var transport = new FakeTransport(new FakeResponse(200, $$"""{"subscriptionId":"{{EmulatorConnectionTests.SubscriptionId}}","displayName":"Emulated","state":"Enabled"}"""));
            using var context = await ContextFactory.ConnectAsync(new ConnectRequest { CredentialKind = CredentialKind.Emulator, EmulatorConnectionFile = file }, transport, null, default);

            Assert.True(context.IsEmulator);
            Assert.Equal("emulator", context.Account);
            Assert.Equal("Emulator", context.CredentialType);
            Assert.Equal(EmulatorConnectionTests.SubscriptionId, context.SubscriptionId);
            Assert.Equal(EmulatorConnectionTests.TenantId, context.TenantId);
            Assert.Equal("AzureCloud", context.Environment);
            Assert.Equal("privatelink.redis.cache.windows.net", context.RedisPrivateDnsZone);
            Assert.Equal(new Uri("https://127.0.0.1:5443/"), context.ResourceManagerUrl);
            var request = Assert.Single(transport.Requests);
            Assert.Equal("127.0.0.1", request.Uri.Host);
            Assert.Equal("Bearer emulator", request.Headers["Authorization"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RealSignInAtTheEmulatorAsksForTheCloudsArmAudienceFromTheEmulatorsAuthority()
    {
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json");
        File.WriteAllText(file, EmulatorConnectionTests.Json());
        try
        {
            var transport = new FakeTransport(new FakeResponse(200, $$"""{"subscriptionId":"{{EmulatorConnectionTests.SubscriptionId}}","displayName":"Emulated","state":"Enabled"}"""));
            AzureCloudEnvironment? signedInTo = null;
            using var context = await ContextFactory.ConnectAsync(
                new ConnectRequest { CredentialKind = CredentialKind.ManagedIdentity, EmulatorConnectionFile = file },
                transport,
                (_, environment) =>
                {
                    signedInTo = environment;
                    return new StaticTokenCredential("issued", DateTimeOffset.UtcNow.AddHours(1));
                },
                default);

            Assert.Equal("https://management.azure.com/.default", signedInTo!.Scope);
            Assert.Equal(new Uri("https://127.0.0.1:5443/"), signedInTo.AuthorityHost);
            Assert.Equal(new Uri("https://127.0.0.1:5443/"), context.ResourceManagerUrl);
            Assert.True(context.IsEmulator);
            Assert.Equal("ManagedIdentity", context.CredentialType);
            Assert.Equal("MSI@system", context.Account);
            Assert.Equal(EmulatorConnectionTests.SubscriptionId, context.SubscriptionId);
            Assert.Equal("Bearer issued", Assert.Single(transport.Requests).Headers["Authorization"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EmulatorConnectionFileAndResourceManagerUrlTogetherAreRefusedBeforeAnyCall()
    {
        var transport = new FakeTransport();
        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => ContextFactory.ConnectAsync(
            new ConnectRequest { CredentialKind = CredentialKind.ManagedIdentity, EmulatorConnectionFile = "unused.json", ResourceManagerUrl = new Uri("https://arm.contoso.example/") },
            transport,
            null,
            default));

        Assert.Equal("ConflictingEndpoints", ex.ErrorId);
        Assert.Empty(transport.Requests);
    }

    [Fact]
    public async Task FailedSignInBecomesAuthenticationFailed()
    {
        var transport = new FakeTransport();
        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => ContextFactory.ConnectAsync(
            new ConnectRequest { CredentialKind = CredentialKind.ManagedIdentity, Subscription = SubscriptionA },
            transport,
            (_, _) => new FailingCredential(),
            default));
        Assert.Equal("AuthenticationFailed", ex.ErrorId);
        Assert.Equal(RedisPrivateLinkErrorCategory.AuthenticationError, ex.Category);
        Assert.Contains("No managed identity endpoint", ex.Message);
        Assert.Empty(transport.Requests);
    }

    [Fact]
    public async Task ArmRefusalsDuringConnectSurfaceAsArmException()
    {
        var ex = await Assert.ThrowsAsync<RedisPrivateLink.Engine.Arm.ArmException>(() => Connect(new FakeTransport(new FakeResponse(401, """{"error":{"code":"InvalidAuthenticationToken","message":"The access token is invalid."}}""")), SubscriptionA));
        Assert.Equal("InvalidAuthenticationToken", ex.Code);
    }

    [Fact]
    public async Task ContextShowsNoTokenAndDisposeDropsTheGateway()
    {
        var context = await Connect(new FakeTransport(new FakeResponse(200, $$"""{"subscriptionId":"{{SubscriptionA}}","displayName":"Production","state":"Enabled"}""")), SubscriptionA);
        var text = context.ToString();
        Assert.Equal($"admin@contoso.com on Production ({SubscriptionA}) in AzureCloud", text);
        Assert.DoesNotContain(Token, text);
        Assert.DoesNotContain(typeof(RedisPrivateLinkContext).GetProperties().Select(p => p.GetValue(context)?.ToString() ?? string.Empty), v => v.Contains(Token.Split('.')[1]));
        Assert.NotNull(context.GetArmGateway());

        context.Dispose();
        Assert.True(context.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => context.GetArmGateway());
    }

    private static Task<RedisPrivateLinkContext> Connect(FakeTransport transport, string? subscription, string? tenant = null) =>
        ContextFactory.ConnectAsync(new ConnectRequest { CredentialKind = CredentialKind.AccessToken, AccessToken = Secure(Token), Subscription = subscription, Tenant = tenant }, transport, null, default);

    private sealed class FailingCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, System.Threading.CancellationToken cancellationToken) =>
            throw new CredentialUnavailableException("No managed identity endpoint found.");

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, System.Threading.CancellationToken cancellationToken) =>
            throw new CredentialUnavailableException("No managed identity endpoint found.");
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
