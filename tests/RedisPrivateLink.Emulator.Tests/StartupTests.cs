using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task ConnectionFileNamesTheEndpointAndTheCertificateItServes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"emulator-{Guid.NewGuid():N}", "connection.json");
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.ConnectionFile = file;
            o.TimeScale = 0.01;
        });

        var written = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Equal(emulator.Running.Endpoint.ToString(), (string)written["endpoint"]!);
        Assert.Matches("^https://127\\.0\\.0\\.1:[0-9]+/$", (string)written["endpoint"]!);
        Assert.Equal(EmulatorOptions.DefaultSubscriptionId, (string)written["subscriptionId"]!);
        Assert.Equal(EmulatorOptions.DefaultTenantId, (string)written["tenantId"]!);
        Assert.Equal(0.01, (double)written["timeScale"]!);

        var thumbprint = (string)written["certificateThumbprint"]!;
        Assert.Matches("^[0-9A-F]{40}$", thumbprint);
        Assert.Equal(thumbprint, await ServedThumbprintAsync(emulator.Running.Endpoint));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp"));
    }

    [Fact]
    public async Task CertificateCoversLoopbackAndIsShortLived()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var certificate = emulator.Running.Certificate;

        Assert.True(certificate.HasPrivateKey);
        Assert.True(certificate.NotAfter - certificate.NotBefore < TimeSpan.FromDays(7));
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains("localhost", names.EnumerateDnsNames());
    }

    [Fact]
    public async Task ArmCallsWithoutBearerTokenAreRejected()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.CreateClient(emulator.Running.Thumbprint, emulator.Running.Endpoint);

        using var missing = await anonymous.GetAsync($"subscriptions/{emulator.Sub}?api-version={TestApiVersions.Subscriptions}");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("AuthenticationFailed", await missing.ErrorCodeAsync());

        using var basic = new HttpRequestMessage(HttpMethod.Get, $"subscriptions/{emulator.Sub}?api-version={TestApiVersions.Subscriptions}");
        basic.Headers.TryAddWithoutValidation("Authorization", "Bearer ");
        using var empty = await anonymous.SendAsync(basic);
        Assert.Equal(HttpStatusCode.Unauthorized, empty.StatusCode);

        using var health = await anonymous.GetAsync("_emulator/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task EveryAnswerCarriesRequestIdsAndEchoesTheClients()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"subscriptions/{emulator.Sub}?api-version={TestApiVersions.Subscriptions}");
        request.Headers.Add("x-ms-client-request-id", "client-1");
        request.Headers.Add("x-ms-correlation-request-id", "correlation-1");

        using var response = await emulator.Client.SendAsync(request);
        Assert.True(Guid.TryParse(response.Header("x-ms-request-id"), out _));
        Assert.Equal("correlation-1", response.Header("x-ms-correlation-request-id"));
        Assert.Equal("client-1", response.Header("x-ms-client-request-id"));

        using var error = await emulator.GetAsync("/subscriptions?no-version=1");
        Assert.NotNull(error.Header("x-ms-request-id"));
        Assert.NotNull(error.Header("x-ms-correlation-request-id"));
    }

    [Fact]
    public void CommandLineFillsTheOptions()
    {
        var options = CommandLine.Parse([
            "--port", "0", "--connection-file", "c.json", "--time-scale", "0.001", "--state-file", "s.json",
            "--subscription-id", "AAAAAAAA-0000-0000-0000-000000000001", "--parent-pid", "42", "--page-size", "5",
            "--reads", "10:2", "--no-throttling", "--refuse-classic-create", "--name-release-delay", "90",
        ]);

        Assert.Equal(0, options.Port);
        Assert.Equal("c.json", options.ConnectionFile);
        Assert.Equal(0.001, options.TimeScale);
        Assert.Equal("s.json", options.StateFile);
        Assert.Equal("aaaaaaaa-0000-0000-0000-000000000001", options.SubscriptionId);
        Assert.Equal(42, options.ParentProcessId);
        Assert.Equal(5, options.PageSize);
        Assert.Equal(new BucketOptions(10, 2), options.Throttling.Reads);
        Assert.False(options.Throttling.Enabled);
        Assert.True(options.RefuseClassicCreate);
        Assert.Equal(TimeSpan.FromSeconds(90), options.NameReleaseDelay);
        Assert.False(CommandLine.Parse([]).RefuseClassicCreate);
        Assert.Equal(TimeSpan.FromMinutes(10), CommandLine.Parse([]).NameReleaseDelay);
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--name-release-delay", "-1"]));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--bogus", "1"]));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--time-scale", "-1"]));
    }

    private static async Task<string> ServedThumbprintAsync(Uri endpoint)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port);
        X509Certificate? served = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            served = certificate;
            return true;
        });
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        return new X509Certificate2(served!).Thumbprint;
    }
}
