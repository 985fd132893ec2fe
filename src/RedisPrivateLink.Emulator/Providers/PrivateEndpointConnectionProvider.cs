using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A connection on a cache or Managed Redis cluster, created by a private endpoint; PUT approves or rejects it. As
/// recorded, that PUT answers 201 with the new state at once and DELETE answers 200 with no body; a classic cache's
/// connection carries no provisioningState, a Managed Redis one does (the 2025-07-01 example shows Succeeded).
/// </summary>
internal sealed class PrivateEndpointConnectionProvider(bool answersProvisioningState) : ResourceProvider
{
    /// <summary>Azure's Redis answers a PUT on an existing private endpoint connection with 201, not 200.</summary>
    public override int PutStatus(bool created) => 201;

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
        if (!answersProvisioningState)
        {
            Properties(body).Remove("provisioningState");
        }

        return body;
    }
}
