using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>Microsoft.Network resources carry a weak etag that changes on every write and a resourceGuid that does not.</summary>
internal class NetworkProvider(bool hasResourceGuid) : ResourceProvider
{
    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        body["etag"] = NewEtag();
        if (hasResourceGuid)
        {
            Properties(body)["resourceGuid"] =
                context.Existing?.Body["properties"]?["resourceGuid"]?.DeepClone() ?? Guid.NewGuid().ToString();
        }

        return body;
    }
}
