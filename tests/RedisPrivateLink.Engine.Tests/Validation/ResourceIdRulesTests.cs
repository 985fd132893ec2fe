using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Tests.Shared;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

public sealed class ResourceIdRulesTests
{
    private const string Subscription = "11111111-2222-3333-4444-555555555555";
    private const string SubnetId = "/subscriptions/" + Subscription + "/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/pe";

    [Fact]
    public void SubnetIdParsesIntoItsParts()
    {
        var id = ResourceIdRules.Parse(SubnetId, ResourceIdRules.SubnetType, "SubnetId");
        Assert.Equal(Subscription, id.SubscriptionId);
        Assert.Equal("net-rg", id.ResourceGroupName);
        Assert.Equal("Microsoft.Network", id.ProviderNamespace);
        Assert.Equal(new[] { "virtualNetworks", "subnets" }, id.ResourceTypes);
        Assert.Equal(new[] { "vnet1", "pe" }, id.Names);
        Assert.Equal("pe", id.Name);
        Assert.Equal(ResourceIdRules.SubnetType, id.FullType);
        Assert.Equal(SubnetId, id.ToString());
    }

    [Fact]
    public void CasingIsNormalized()
    {
        var id = ResourceIdRules.Parse(
            "/SUBSCRIPTIONS/11111111-2222-3333-4444-555555555555/RESOURCEGROUPS/rg/PROVIDERS/microsoft.cache/Redis/cache1",
            ResourceIdRules.RedisCacheType, "InputObject");
        Assert.Equal("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Cache/redis/cache1", id.ToString());
    }

    [Fact]
    public void UppercaseSubscriptionIsLowercased() =>
        Assert.Equal("aaaaaaaa-2222-3333-4444-555555555555",
            ResourceIdRules.Parse("/subscriptions/AAAAAAAA-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Cache/redis/c",
                ResourceIdRules.RedisCacheType, "Id").SubscriptionId);

    [Fact]
    public void WrongTypeNamesExpectedAndActual()
    {
        var vnetId = "/subscriptions/" + Subscription + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1";
        var error = ValidationAssert.Throws(ValidationErrorIds.WrongResourceType,
            () => ResourceIdRules.Parse(vnetId, ResourceIdRules.SubnetType, "SubnetId"), vnetId);
        Assert.Contains("is a Microsoft.Network/virtualNetworks but a Microsoft.Network/virtualNetworks/subnets is expected", error.Message);
        Assert.Equal("SubnetId", error.ParameterName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("subscriptions/" + Subscription + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s/")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks//subnets/s")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/..")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/./subnets/s")]
    [InlineData("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg./providers/Microsoft.Network/virtualNetworks/v/subnets/s")]
    [InlineData("/subscriptions/" + Subscription + "/groups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg/providers/Microsoft..Network/virtualNetworks/v/subnets/s")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg")]
    public void MalformedIdsAreRefused(string id) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidResourceId, () => ResourceIdRules.Parse(id, ResourceIdRules.SubnetType, "SubnetId"));

    [Theory]
    [InlineData(SubnetId + $"?api-version={TestApiVersions.Network}&sig=c2VjcmV0", "'?'")]
    [InlineData(SubnetId + "#fragment", "'#'")]
    [InlineData(SubnetId + "%2F..", "'%'")]
    [InlineData("\\subscriptions\\" + Subscription, "'\\'")]
    [InlineData(SubnetId + " ", "U+0020")]
    [InlineData(SubnetId + "\n", "U+000A")]
    [InlineData(SubnetId + "\u0000", "U+0000")]
    public void CharactersThatCouldRedirectTheRequestAreRefusedWithoutEchoingWhatFollows(string id, string named)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidResourceId, () => ResourceIdRules.Parse(id, ResourceIdRules.SubnetType, "SubnetId"), named);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void AnySubscriptionIsAcceptedSinceALandingZoneSpreadsOneJobOverSeveral()
    {
        const string other = "99999999-2222-3333-4444-555555555555";

        Assert.Equal(other, ResourceIdRules.Parse(SubnetId.Replace(Subscription, other), ResourceIdRules.SubnetType, "SubnetId").SubscriptionId);
    }

}
