using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A connection on a cache, created by a private endpoint; PUT approves or rejects it. As recorded, that PUT answers
/// 201 with the new state at once, the body carries no provisioningState, and DELETE answers 200 with no body.
/// </summary>
internal sealed class PrivateEndpointConnectionProvider : ResourceProvider
{
    public override bool AnswersCreatedOnUpdate => true;

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        if (context.Existing?.Body["properties"]?["privateEndpoint"] is { } endpoint)
        {
            Properties(body)["privateEndpoint"] = endpoint.DeepClone();
        }

        return body;
    }

    public override JsonObject Render(StoredResource resource, ResourceStore store)
    {
        var body = base.Render(resource, store);
        Properties(body).Remove("provisioningState");
        return body;
    }
}
