using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>Held so that networkAcls can be validated later; created at once.</summary>
internal sealed class StorageAccountProvider : ResourceProvider
{
    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        properties["networkAcls"] ??= new JsonObject
        {
            ["bypass"] = "AzureServices",
            ["virtualNetworkRules"] = new JsonArray(),
            ["ipRules"] = new JsonArray(),
            ["defaultAction"] = "Allow",
        };
        properties["primaryEndpoints"] = new JsonObject
        {
            ["blob"] = $"https://{context.Name}.blob.core.windows.net/",
        };
        return body;
    }
}
