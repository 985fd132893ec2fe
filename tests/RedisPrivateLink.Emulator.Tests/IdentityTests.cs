using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>The identity endpoints Azure.Identity asks for tokens, and ARM's checks of the tokens they issue.</summary>
public sealed class IdentityTests
{
    private const string ArmResource = "https://management.azure.com";
    private const string SubscriptionApi = "2022-12-01";

    [Fact]
    public async Task AppServiceEndpointIssuesTheSystemAssignedIdentityATokenArmAccepts()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var info = emulator.Running.ConnectionInfo;

        using var refused = await emulator.Client.GetAsync($"{info.IdentityEndpoint}?api-version=2019-08-01&resource={ArmResource}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Get, $"{info.IdentityEndpoint}?api-version=2019-08-01&resource={ArmResource}");
        request.Headers.Add("X-IDENTITY-HEADER", info.IdentityHeader);
        var body = await (await emulator.Client.SendAsync(request)).JsonAsync();

        var token = (string)body["access_token"]!;
        var claims = Claims(token);
        Assert.Equal(ArmResource, (string)claims["aud"]!);
        Assert.Equal(emulator.Options.TenantId, (string)claims["tid"]!);
        Assert.Equal((string)body["client_id"]!, (string)claims["appid"]!);
        Assert.Equal((emulator.Clock.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(), (string)body["expires_on"]!);
        Assert.Equal(HttpStatusCode.OK, (await GetSubscriptionAsync(emulator, token)).StatusCode);
    }

    [Fact]
    public async Task ImdsNeedsTheMetadataHeaderAndNamesTheUserAssignedIdentity()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var url = $"{emulator.Running.ConnectionInfo.ImdsEndpoint}/metadata/identity/oauth2/token?api-version=2018-02-01&resource={ArmResource}&client_id=4b0c3d6e-0000-4000-8000-000000000001";

        using var refused = await emulator.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_request", (string)(await refused.JsonAsync())["error"]!);

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Metadata", "true");
        var body = await (await emulator.Client.SendAsync(request)).JsonAsync();
        Assert.Equal("4b0c3d6e-0000-4000-8000-000000000001", (string)Claims((string)body["access_token"]!)["appid"]!);
        Assert.Equal("3600", (string)body["expires_in"]!);
    }

    [Fact]
    public async Task ServicePrincipalSignsInWithItsSecretOnly()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var clientId = Guid.NewGuid().ToString();
        await RegisterAsync(emulator, new { clientId, clientSecret = "s3cret" });

        using var wrong = await TokenAsync(emulator, emulator.Options.TenantId, new() { ["client_id"] = clientId, ["client_secret"] = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(7000215, (int)(await wrong.JsonAsync())["error_codes"]![0]!);

        using var unknown = await TokenAsync(emulator, emulator.Options.TenantId, new() { ["client_id"] = Guid.NewGuid().ToString(), ["client_secret"] = "s3cret" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(700016, (int)(await unknown.JsonAsync())["error_codes"]![0]!);

        using var signedIn = await TokenAsync(emulator, emulator.Options.TenantId, new() { ["client_id"] = clientId, ["client_secret"] = "s3cret" });
        var token = (string)(await signedIn.JsonAsync())["access_token"]!;
        Assert.Equal(clientId, (string)Claims(token)["appid"]!);
        Assert.Equal(HttpStatusCode.OK, (await GetSubscriptionAsync(emulator, token)).StatusCode);
    }

    [Fact]
    public async Task ServicePrincipalSignsInWithAnAssertionSignedByItsRegisteredCertificate()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var registered = CreateCertificate();
        using var other = CreateCertificate();
        var clientId = Guid.NewGuid().ToString();
        await RegisterAsync(emulator, new { clientId, certificate = Convert.ToBase64String(registered.Export(X509ContentType.Cert)) });
        var tokenEndpoint = new Uri(emulator.Running.Endpoint, $"{emulator.Options.TenantId}/oauth2/v2.0/token").ToString();

        using var forged = await TokenAsync(emulator, emulator.Options.TenantId, Assertion(clientId, other, tokenEndpoint, emulator.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(700027, (int)(await forged.JsonAsync())["error_codes"]![0]!);

        using var signedIn = await TokenAsync(emulator, emulator.Options.TenantId, Assertion(clientId, registered, tokenEndpoint, emulator.Clock.GetUtcNow(), asMsalSends: true));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetSubscriptionAsync(emulator, (string)(await signedIn.JsonAsync())["access_token"]!)).StatusCode);
    }

    [Fact]
    public async Task InstanceDiscoveryNamesThisHostAsItsOwnAlias()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var host = emulator.Running.Endpoint.Authority;

        var body = await (await emulator.Client.GetAsync($"common/discovery/instance?api-version=1.1&authorization_endpoint=https://{host}/tenant-a/oauth2/v2.0/authorize")).JsonAsync();

        Assert.Equal($"https://{host}/tenant-a/v2.0/.well-known/openid-configuration", (string)body["tenant_discovery_endpoint"]!);
        Assert.Equal(host, (string)body["metadata"]![0]!["aliases"]![0]!);
    }

    [Fact]
    public async Task ArmRefusesAnExpiredTokenAsArmDoes()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.TokenLifetime = TimeSpan.FromSeconds(30));
        var token = await ManagedIdentityTokenAsync(emulator, ArmResource);
        var expiresOn = emulator.Clock.GetUtcNow().AddSeconds(30);

        emulator.Clock.Advance(TimeSpan.FromSeconds(31));
        using var response = await GetSubscriptionAsync(emulator, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.JsonAsync())["error"]!;
        Assert.Equal("ExpiredAuthenticationToken", (string)error["code"]!);
        Assert.Equal($"The access token expiry UTC time '{expiresOn.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture)}' is earlier than current UTC time '{emulator.Clock.GetUtcNow().UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture)}'.", (string)error["message"]!);
    }

    [Fact]
    public async Task ArmRefusesATokenFromAnotherTenantOnTheSubscription()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var otherTenant = Guid.NewGuid().ToString();
        var clientId = Guid.NewGuid().ToString();
        await RegisterAsync(emulator, new { clientId, tenantId = otherTenant, clientSecret = "s3cret" });
        using var signedIn = await TokenAsync(emulator, otherTenant, new() { ["client_id"] = clientId, ["client_secret"] = "s3cret" });
        var token = (string)(await signedIn.JsonAsync())["access_token"]!;

        using var response = await GetSubscriptionAsync(emulator, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.JsonAsync())["error"]!;
        Assert.Equal("InvalidAuthenticationTokenTenant", (string)error["code"]!);
        Assert.StartsWith($"The access token is from the wrong issuer 'https://sts.windows.net/{otherTenant}/'. It must match the tenant 'https://sts.windows.net/{emulator.Options.TenantId}/'", (string)error["message"]!);
    }

    [Fact]
    public async Task EachSubscriptionTrustsItsOwnTenant()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var otherTenant = Guid.NewGuid().ToString();
        var otherSubscription = Guid.NewGuid().ToString();
        (await emulator.PutAsync($"/_emulator/subscriptions/{otherSubscription}", new { tenantId = otherTenant })).EnsureSuccessStatusCode();
        var clientId = Guid.NewGuid().ToString();
        await RegisterAsync(emulator, new { clientId, tenantId = otherTenant, clientSecret = "s3cret" });
        using var signedIn = await TokenAsync(emulator, otherTenant, new() { ["client_id"] = clientId, ["client_secret"] = "s3cret" });
        var token = (string)(await signedIn.JsonAsync())["access_token"]!;

        using var ownResponse = await GetSubscriptionAsync(emulator, token, otherSubscription);
        using var defaultResponse = await GetSubscriptionAsync(emulator, token);

        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, defaultResponse.StatusCode);
        Assert.Equal("InvalidAuthenticationTokenTenant", await defaultResponse.ErrorCodeAsync());
    }

    [Fact]
    public async Task ArmRefusesATokenForAnotherAudience()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var token = await ManagedIdentityTokenAsync(emulator, "https://redis.azure.com");

        using var response = await GetSubscriptionAsync(emulator, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationTokenAudience", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task StrictAuthenticationRefusesTokensTheEmulatorDidNotIssue()
    {
        await using var lenient = await TestEmulator.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetSubscriptionAsync(lenient, "emulator")).StatusCode);

        await using var strict = await TestEmulator.StartAsync(o => o.StrictAuthentication = true);
        using var response = await GetSubscriptionAsync(strict, "emulator");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", await response.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await GetSubscriptionAsync(strict, await ManagedIdentityTokenAsync(strict, ArmResource))).StatusCode);
    }

    [Fact]
    public async Task TokenRequestsAreLoggedWithoutTheirSecrets()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var clientId = Guid.NewGuid().ToString();
        await RegisterAsync(emulator, new { clientId, clientSecret = "s3cret-value" });
        using var signedIn = await TokenAsync(emulator, emulator.Options.TenantId, new() { ["client_id"] = clientId, ["client_secret"] = "s3cret-value" });
        var token = (string)(await signedIn.JsonAsync())["access_token"]!;
        var managedIdentityToken = await ManagedIdentityTokenAsync(emulator, ArmResource);

        var log = await (await emulator.Client.GetAsync("_emulator/requests")).Content.ReadAsStringAsync();

        Assert.Contains($"/{emulator.Options.TenantId}/oauth2/v2.0/token", log);
        Assert.Contains("/msi/token", log);
        Assert.DoesNotContain("s3cret-value", log);
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(managedIdentityToken, log);
        Assert.DoesNotContain(emulator.Running.ConnectionInfo.IdentityHeader, log);
    }

    [Fact]
    public void CommandLineSetsTokenLifetimeAndStrictAuthentication()
    {
        var options = RedisPrivateLink.Emulator.Hosting.CommandLine.Parse(["--token-lifetime", "5", "--strict-authentication"]);

        Assert.Equal(TimeSpan.FromSeconds(5), options.TokenLifetime);
        Assert.True(options.StrictAuthentication);
        Assert.Throws<ArgumentException>(() => RedisPrivateLink.Emulator.Hosting.CommandLine.Parse(["--token-lifetime", "0"]));
    }

    private static async Task<HttpResponseMessage> GetSubscriptionAsync(TestEmulator emulator, string token, string? subscriptionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"subscriptions/{subscriptionId ?? emulator.Sub}?api-version={SubscriptionApi}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await emulator.Client.SendAsync(request);
    }

    private static async Task<string> ManagedIdentityTokenAsync(TestEmulator emulator, string resource)
    {
        var info = emulator.Running.ConnectionInfo;
        var request = new HttpRequestMessage(HttpMethod.Get, $"{info.IdentityEndpoint}?api-version=2019-08-01&resource={resource}");
        request.Headers.Add("X-IDENTITY-HEADER", info.IdentityHeader);
        return (string)(await (await emulator.Client.SendAsync(request)).JsonAsync())["access_token"]!;
    }

    private static async Task RegisterAsync(TestEmulator emulator, object registration)
    {
        using var response = await emulator.Client.PostAsync("_emulator/servicePrincipals",
            new StringContent(System.Text.Json.JsonSerializer.Serialize(registration), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static Task<HttpResponseMessage> TokenAsync(TestEmulator emulator, string tenant, Dictionary<string, string> form)
    {
        form["grant_type"] = "client_credentials";
        form["scope"] = ArmResource + "/.default";
        return emulator.Client.PostAsync($"{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(form));
    }

    /// <summary>A client assertion; MSAL names the certificate by x5t#S256 and writes nbf and exp as strings.</summary>
    private static Dictionary<string, string> Assertion(string clientId, X509Certificate2 certificate, string audience, DateTimeOffset now, bool asMsalSends = false)
    {
        var header = asMsalSends
            ? new JsonObject { ["alg"] = "PS256", ["typ"] = "JWT", ["x5t#S256"] = Base64Url(certificate.GetCertHash(HashAlgorithmName.SHA256)) }
            : new JsonObject { ["alg"] = "PS256", ["typ"] = "JWT", ["x5t"] = Base64Url(certificate.GetCertHash()) };
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["jti"] = Guid.NewGuid().ToString(),
            ["nbf"] = asMsalSends ? now.ToUnixTimeSeconds().ToString() : now.ToUnixTimeSeconds(),
            ["exp"] = asMsalSends ? now.AddMinutes(10).ToUnixTimeSeconds().ToString() : now.AddMinutes(10).ToUnixTimeSeconds(),
        };
        var unsigned = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        using var key = certificate.GetRSAPrivateKey()!;
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        return new()
        {
            ["client_id"] = clientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = unsigned + "." + Base64Url(signature),
        };
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=identity test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static JsonObject Claims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')))!.AsObject();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
