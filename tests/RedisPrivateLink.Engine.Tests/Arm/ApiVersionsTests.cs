using System;
using RedisPrivateLink.Engine.Arm;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class ApiVersionsTests
{
    [Theory]
    [InlineData("/subscriptions", "2022-12-01")]
    [InlineData("/subscriptions/s", "2022-12-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg", "2021-04-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Resources/tags/default", "2021-04-01")]
    [InlineData("/subscriptions/s/resourcegroups", "2021-04-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/Redis/c", "2024-11-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/microsoft.cache/redis/c/privateEndpointConnections/p", "2024-11-01")]
    [InlineData("/subscriptions/s/providers/Microsoft.Cache/locations/East US/asyncOperations/1", "2024-11-01")]
    [InlineData("/subscriptions/s/providers/Microsoft.Cache/checkNameAvailability", "2024-11-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/c/databases/default", "2025-07-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a", "2024-05-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/p/privateDnsZoneGroups/default", "2024-05-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/pe.nic.1", "2024-05-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/z/virtualNetworkLinks/l", "2024-06-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/z/A/cache1", "2024-06-01")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa", "2023-05-01")]
    public void PicksThePinnedVersionFromThePath(string path, string expected) => Assert.Equal(expected, ApiVersions.ForPath(path));

    [Fact]
    public void UnknownTypesAreRefused() =>
        Assert.Throws<ArgumentException>(() => ApiVersions.ForPath("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/a"));
}
