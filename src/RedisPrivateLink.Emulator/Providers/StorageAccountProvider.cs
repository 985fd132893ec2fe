using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A storage account, created at once. Reads carry networkAcls complete (bypass, rules, defaultAction) and
/// publicNetworkAccess, as Azure answers them, whether the PUT gave all, some or none of them.
/// </summary>
internal sealed class StorageAccountProvider : ResourceProvider
{
    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        var networkAcls = new JsonObject
        {
            ["ipv6Rules"] = new JsonArray(),
            ["bypass"] = "AzureServices",
            ["virtualNetworkRules"] = new JsonArray(),
            ["ipRules"] = new JsonArray(),
            ["defaultAction"] = "Allow",
        };
        foreach (var (name, value) in properties["networkAcls"] as JsonObject ?? [])
        {
            networkAcls[name] = value?.DeepClone();
        }

        properties["networkAcls"] = networkAcls;
        properties["publicNetworkAccess"] ??= "Enabled";
        properties["primaryLocation"] = body["location"]?.DeepClone();
        properties["statusOfPrimary"] = "available";
        properties["primaryEndpoints"] = new JsonObject
        {
            ["blob"] = $"https://{context.Name}.blob.core.windows.net/",
        };
        return body;
    }
}
