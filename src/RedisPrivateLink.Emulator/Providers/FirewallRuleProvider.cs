using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Cache/redis/firewallRules: {startIP, endIP}, an IPv4 range with its start not after its end. Written at
/// once: the PUT answers 200 with the rule, as a create and as an update.
/// </summary>
internal sealed class FirewallRuleProvider : CacheChildProvider
{
    public override int PutStatus(bool created) => 200;

    public override void Validate(WriteContext context)
    {
        var properties = context.Request["properties"];
        var start = Address(JsonMerge.String(properties, "startIP")) ?? throw RedisErrors.InvalidParameter("properties.startIP");
        var end = Address(JsonMerge.String(properties, "endIP")) ?? throw RedisErrors.InvalidParameter("properties.endIP");
        if (start > end)
        {
            throw RedisErrors.InvalidParameter("properties.endIP");
        }
    }

    public override JsonObject Render(StoredResource resource, ResourceStore store) =>
        WithoutProvisioningState(base.Render(resource, store));

    private static UInt128? Address(string? text) =>
        AddressPrefix.Parse($"{text}/32") is { IsIPv6: false } prefix ? prefix.Address : null;
}
