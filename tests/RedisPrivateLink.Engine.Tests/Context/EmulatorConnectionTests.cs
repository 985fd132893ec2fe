using System;
using System.IO;
using RedisPrivateLink.Engine.Context;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Context;

public class EmulatorConnectionTests
{
    internal const string Thumbprint = "0123456789abcdef0123456789abcdef01234567";
    internal const string SubscriptionId = "11111111-1111-1111-1111-111111111111";
    internal const string TenantId = "22222222-2222-2222-2222-222222222222";

    internal static string Json(string endpoint = "https://127.0.0.1:5443/", string thumbprint = Thumbprint) =>
        $$"""{"endpoint":"{{endpoint}}","certificateThumbprint":"{{thumbprint}}","subscriptionId":"{{SubscriptionId}}","tenantId":"{{TenantId}}"}""";

    [Fact]
    public void ReadsAValidFile()
    {
        var connection = EmulatorConnection.Parse(Json(), "emulator.json");
        Assert.Equal(new Uri("https://127.0.0.1:5443/"), connection.Endpoint);
        Assert.Equal(Thumbprint.ToUpperInvariant(), connection.CertificateThumbprint);
        Assert.Equal(SubscriptionId, connection.SubscriptionId);
        Assert.Equal(TenantId, connection.TenantId);
        Assert.Equal(new Uri("https://[::1]:5443/"), EmulatorConnection.Parse(Json("https://[::1]:5443/"), "f").Endpoint);
        Assert.Equal(1.0, connection.TimeScale);
    }

    [Fact]
    public void ReadsTheTimeScaleWhenGiven()
    {
        var json = Json().TrimEnd('}') + ""","timeScale":0.001}""";
        Assert.Equal(0.001, EmulatorConnection.Parse(json, "emulator.json").TimeScale);
    }

    [Fact]
    public void MissingFileHasItsOwnError()
    {
        var ex = Assert.Throws<RedisPrivateLinkException>(() => EmulatorConnection.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json")));
        Assert.Equal("EmulatorConnectionFileNotFound", ex.ErrorId);
        Assert.Equal(RedisPrivateLinkErrorCategory.ObjectNotFound, ex.Category);
        Assert.Equal("EmulatorConnectionFileNotFound", Assert.Throws<RedisPrivateLinkException>(() => EmulatorConnection.Load(null)).ErrorId);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"certificateThumbprint":"x"}""", "'endpoint' is missing")]
    [InlineData("""{"endpoint":"http://127.0.0.1:5000/","certificateThumbprint":"x"}""", "not an https:// URL")]
    [InlineData("""{"endpoint":"https://management.azure.com/","certificateThumbprint":"x"}""", "not on this machine")]
    [InlineData("""{"endpoint":"https://127.0.0.1:5443/","certificateThumbprint":"abc","subscriptionId":"s","tenantId":"t"}""", "SHA-1")]
    [InlineData("""{"endpoint":"https://127.0.0.1:5443/","certificateThumbprint":"0123456789abcdef0123456789abcdef01234567","subscriptionId":"s","tenantId":"t"}""", "GUIDs")]
    [InlineData("""{"endpoint":"https://127.0.0.1:5443/","certificateThumbprint":"0123456789abcdef0123456789abcdef01234567","subscriptionId":"11111111-1111-1111-1111-111111111111","tenantId":"22222222-2222-2222-2222-222222222222","timeScale":0}""", "timeScale")]
    [InlineData("""{"endpoint":"https://127.0.0.1:5443/","certificateThumbprint":"0123456789abcdef0123456789abcdef01234567","subscriptionId":"11111111-1111-1111-1111-111111111111","tenantId":"22222222-2222-2222-2222-222222222222","timeScale":"fast"}""", "timeScale")]
    public void MalformedFilesSayWhatIsWrong(string json, string reason)
    {
        var ex = Assert.Throws<RedisPrivateLinkException>(() => EmulatorConnection.Parse(json, "emulator.json"));
        Assert.Equal("InvalidEmulatorConnectionFile", ex.ErrorId);
        Assert.Contains(reason, ex.Message);
        Assert.Contains("emulator.json", ex.Message);
    }
}
