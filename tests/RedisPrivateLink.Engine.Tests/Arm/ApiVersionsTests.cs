using System;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Tests.Shared;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class ApiVersionsTests
{
    [Theory]
    [InlineData("/subscriptions", TestApiVersions.Subscriptions)]
    [InlineData("/subscriptions/s", TestApiVersions.Subscriptions)]
    [InlineData("/subscriptions/s/resourceGroups/rg", TestApiVersions.ResourceGroups)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Resources/tags/default", TestApiVersions.ResourceGroups)]
    [InlineData("/subscriptions/s/resourcegroups", TestApiVersions.ResourceGroups)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/Redis/c", TestApiVersions.Redis)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/microsoft.cache/redis/c/privateEndpointConnections/p", TestApiVersions.Redis)]
    [InlineData("/subscriptions/s/providers/Microsoft.Cache/locations/East US/asyncOperations/1", TestApiVersions.Redis)]
    [InlineData("/subscriptions/s/providers/Microsoft.Cache/checkNameAvailability", TestApiVersions.Redis)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/c/databases/default", TestApiVersions.RedisEnterprise)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a", TestApiVersions.Network)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/p/privateDnsZoneGroups/default", TestApiVersions.Network)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/pe.nic.1", TestApiVersions.Network)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/z/virtualNetworkLinks/l", TestApiVersions.PrivateDns)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/z/A/cache1", TestApiVersions.PrivateDns)]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa", TestApiVersions.Storage)]
    public void PicksThePinnedVersionFromThePath(string path, string expected) => Assert.Equal(expected, ApiVersions.ForPath(path));

    [Fact]
    public void UnknownTypesAreRefused() =>
        Assert.Throws<ArgumentException>(() => ApiVersions.ForPath("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/a"));
}
