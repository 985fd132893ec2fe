using System;
using RedisPrivateLink.Engine.Context;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Context;

public class AzureCloudEnvironmentTests
{
    [Theory]
    [InlineData("AzureCloud", "https://management.azure.com/", "https://login.microsoftonline.com/", "privatelink.redis.cache.windows.net", ".redis.cache.windows.net")]
    [InlineData("azureusgovernment", "https://management.usgovcloudapi.net/", "https://login.microsoftonline.us/", "privatelink.redis.cache.usgovcloudapi.net", ".redis.cache.usgovcloudapi.net")]
    [InlineData("AZURECHINACLOUD", "https://management.chinacloudapi.cn/", "https://login.chinacloudapi.cn/", "privatelink.redis.cache.chinacloudapi.cn", ".redis.cache.chinacloudapi.cn")]
    public void KnownCloudsHaveTheirEndpointsAndDnsNames(string name, string arm, string authority, string zone, string suffix)
    {
        var cloud = AzureCloudEnvironment.Find(name);
        Assert.Equal(new Uri(arm), cloud.ResourceManagerUrl);
        Assert.Equal(new Uri(authority), cloud.AuthorityHost);
        Assert.Equal(zone, cloud.RedisPrivateDnsZone);
        Assert.Equal(suffix, cloud.RedisHostSuffix);
        Assert.Equal(arm + ".default", cloud.Scope);
        Assert.False(cloud.IsCustomEndpoint);
    }

    [Fact]
    public void DefaultIsAzureCloudAndUnknownNamesAreRefused()
    {
        Assert.Same(AzureCloudEnvironment.AzureCloud, AzureCloudEnvironment.Find(null));
        var ex = Assert.Throws<RedisPrivateLinkException>(() => AzureCloudEnvironment.Find("AzureGermanCloud"));
        Assert.Equal("UnknownEnvironment", ex.ErrorId);
        Assert.Contains("AzureUSGovernment", ex.Message);
        Assert.Equal("privatelink.redis.azure.net", AzureCloudEnvironment.ManagedRedisPrivateDnsZone);
    }

    [Fact]
    public void CustomEndpointKeepsTheCloudsDnsNamesAndUsesItselfAsAudience()
    {
        var custom = AzureCloudEnvironment.AzureUSGovernment.WithResourceManagerUrl(new Uri("https://127.0.0.1:5443/"));
        Assert.Equal("privatelink.redis.cache.usgovcloudapi.net", custom.RedisPrivateDnsZone);
        Assert.Equal("https://127.0.0.1:5443/", custom.Audience);
        Assert.Equal("https://127.0.0.1:5443/.default", custom.Scope);
        Assert.True(custom.IsCustomEndpoint);
        Assert.Equal("https://management.core.windows.net/", AzureCloudEnvironment.AzureCloud.WithResourceManagerUrl(new Uri("https://arm.contoso/"), "https://management.core.windows.net/").Audience);
        Assert.Equal("InvalidResourceManagerUrl", Assert.Throws<RedisPrivateLinkException>(() => AzureCloudEnvironment.AzureCloud.WithResourceManagerUrl(new Uri("http://arm.contoso/"))).ErrorId);
    }
}
