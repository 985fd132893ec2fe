using System;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class PinnedTransportTests
{
    private const string Subscription = """{"subscriptionId":"11111111-1111-1111-1111-111111111111","displayName":"Emulated","state":"Enabled"}""";

    [Fact]
    public async Task TheMatchingSelfSignedCertificateIsAccepted()
    {
        using var server = new LoopbackHttpsServer(Subscription);
        using var gateway = Create(server.Url, server.Certificate.Thumbprint.ToLowerInvariant());
        var subscription = await gateway.GetSubscriptionAsync("11111111-1111-1111-1111-111111111111");
        Assert.Equal("Emulated", subscription!.DisplayName);
    }

    [Fact]
    public async Task AnyOtherCertificateIsRefusedOnceWithoutRetries()
    {
        using var server = new LoopbackHttpsServer(Subscription);
        using var gateway = Create(server.Url, "0123456789ABCDEF0123456789ABCDEF01234567", maxRetries: 3);
        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => gateway.GetSubscriptionAsync("11111111-1111-1111-1111-111111111111"));
        Assert.Equal("ServerCertificateNotTrusted", ex.ErrorId);
        Assert.Contains("connection file", ex.Message);
        Assert.True(IsCertificateRejection(ex), ex.ToString());
        Assert.Equal(1, gateway.Counters.Reads);
    }

    [Fact]
    public async Task NoAnswerAfterTheRetriesIsArmUnreachable()
    {
        // A port that was free a moment ago: nothing listens there, so every attempt is refused.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var gateway = Create(new Uri($"https://127.0.0.1:{port}/"), null, maxRetries: 2);

        var ex = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => gateway.GetSubscriptionAsync("11111111-1111-1111-1111-111111111111"));

        Assert.Equal("ArmUnreachable", ex.ErrorId);
        Assert.Contains("again", ex.Message);
        Assert.Equal(3, gateway.Counters.Reads);
    }

    [Fact]
    public async Task WithoutAPinTheSelfSignedCertificateIsRefused()
    {
        using var server = new LoopbackHttpsServer(Subscription);
        using var gateway = Create(server.Url, null);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => gateway.GetSubscriptionAsync("11111111-1111-1111-1111-111111111111"));
        Assert.True(IsCertificateRejection(ex), ex.ToString());
    }

    [Fact]
    public void PlainHttpAndBadThumbprintsAreRefusedUpFront()
    {
        Assert.Throws<ArgumentException>(() => new ArmGateway(new ArmGatewayOptions { ResourceManagerUrl = new Uri("http://127.0.0.1:1/"), Credential = new StaticCredential() }));
        Assert.Throws<FormatException>(() => new ArmGateway(new ArmGatewayOptions { Credential = new StaticCredential(), PinnedCertificateThumbprint = "nope" }));
    }

    private static bool IsCertificateRejection(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private static ArmGateway Create(Uri url, string? thumbprint, int maxRetries = 0) => new(new ArmGatewayOptions
    {
        ResourceManagerUrl = url,
        Credential = new StaticCredential(),
        PinnedCertificateThumbprint = thumbprint,
        MaxRetries = maxRetries,
        NetworkTimeout = TimeSpan.FromSeconds(10),
        Delay = (_, _) => Task.CompletedTask,
    });
}
