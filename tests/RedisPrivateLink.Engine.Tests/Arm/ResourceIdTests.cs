using System;
using RedisPrivateLink.Engine.Arm;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class ResourceIdTests
{
    private const string Connection = "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache1/privateEndpointConnections/pe.741ed8da";

    [Fact]
    public void ParsesEveryPart()
    {
        var id = ResourceId.Parse(Connection);
        Assert.Equal("sub", id.SubscriptionId);
        Assert.Equal("rg", id.ResourceGroupName);
        Assert.Equal("Microsoft.Cache", id.ProviderNamespace);
        Assert.Equal("Microsoft.Cache/Redis/privateEndpointConnections", id.ResourceType);
        Assert.Equal("pe.741ed8da", id.Name);
        Assert.Equal(new[] { "cache1", "pe.741ed8da" }, id.Names);
        Assert.Equal(Connection, id.ToString());
    }

    [Fact]
    public void ParentsWalkUpToTheSubscription()
    {
        var cache = ResourceId.Parse(Connection).Parent!;
        Assert.Equal("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache1", cache.ToString());
        var group = cache.Parent!;
        Assert.Equal(ResourceId.ResourceGroupType, group.ResourceType);
        Assert.Equal("rg", group.Name);
        var subscription = group.Parent!;
        Assert.Equal(ResourceId.SubscriptionType, subscription.ResourceType);
        Assert.Null(subscription.Parent);
    }

    [Fact]
    public void ChildAndFactoriesBuildTheSameIdAsParse()
    {
        var built = ResourceId.ForResource("sub", "rg", "Microsoft.Cache/redis", "cache1").Child("privateEndpointConnections", "pe.741ed8da");
        Assert.Equal(ResourceId.Parse(Connection), built);
    }

    [Fact]
    public void EqualityAndTypeChecksIgnoreCase()
    {
        var response = ResourceId.Parse("/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.Cache/Redis/Cache1");
        var request = ResourceId.Parse("/subscriptions/sub/resourcegroups/rg/providers/microsoft.cache/redis/cache1/");
        Assert.Equal(response, request);
        Assert.True(response == request);
        Assert.Equal(response.GetHashCode(), request.GetHashCode());
        Assert.True(response.IsOfType("microsoft.cache/redis"));
    }

    [Fact]
    public void SubscriptionLevelResourcesWithSpacesParse()
    {
        var id = ResourceId.Parse("/subscriptions/s/providers/Microsoft.Cache/locations/East US/asyncOperations/c7ba");
        Assert.Null(id.ResourceGroupName);
        Assert.Equal("Microsoft.Cache/locations/asyncOperations", id.ResourceType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("subscriptions/s")]
    [InlineData("/subscriptions")]
    [InlineData("/tenants/t")]
    [InlineData("/subscriptions/s/resourceGroups")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/../x")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/a?api-version=1")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/a#frag")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/%2e%2e")]
    [InlineData("/subscriptions/s//resourceGroups/rg")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/a\\b")]
    [InlineData("/subscriptions/s/resourceGroups/rg/widgets/w")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/A.B/t/n/providers/C.D/u/m")]
    public void MalformedIdsAreRefusedWithAClearMessage(string? text)
    {
        var ex = Assert.Throws<FormatException>(() => ResourceId.Parse(text));
        Assert.Contains("resource id", ex.Message);
        Assert.False(ResourceId.TryParse(text, out _));
    }

    [Fact]
    public void FactoriesRefuseNamesWithSlashesOrTraversal()
    {
        Assert.Throws<FormatException>(() => ResourceId.ForResourceGroup("s", "a/b"));
        Assert.Throws<FormatException>(() => ResourceId.ForResource("s", "rg", "Microsoft.Cache/redis", ".."));
        Assert.Throws<FormatException>(() => ResourceId.ForResource("s", "rg", "redis", "x"));
    }
}
