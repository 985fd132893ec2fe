using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// The per-type hook points. The base class is a plain ARM resource: the request's properties and top-level fields
/// are kept and echoed back. Types override what their resource provider adds on top.
/// </summary>
internal class ResourceProvider
{
    /// <summary>provisioningState while a create runs.</summary>
    public virtual string CreatingState => "Updating";

    /// <summary>Redis answers an update with the old values until it is done; network shows the new ones at once.</summary>
    public virtual bool ShowsOldValuesWhileUpdating => false;

    /// <summary>
    /// A PATCH's merged body is built again, so the fields the provider derives (a Managed Redis cluster's redundancyMode,
    /// what an older api-version cannot set) follow the patch as they follow a PUT.
    /// </summary>
    public virtual bool RebuildsOnPatch => false;

    /// <summary>Refuses a PUT the way the resource provider would, before anything is stored.</summary>
    public virtual void Validate(WriteContext context)
    {
    }

    /// <summary>
    /// The error an accepted PUT's operation ends Failed with, for a rule the provider enforces only after accepting the
    /// request (checked before the resource is stored); null when the write succeeds.
    /// </summary>
    public virtual JsonObject? FailureOnceAccepted(WriteContext context) => null;

    /// <summary>Refuses a PATCH; the context's request is the body the patch would leave (existing merged with the patch).</summary>
    public virtual void ValidatePatch(WriteContext context)
    {
    }

    /// <summary>Refuses a DELETE the way the resource provider would (a subnet still in use, a zone still linked).</summary>
    public virtual void ValidateDelete(StoredResource resource, ResourceStore store)
    {
    }

    /// <summary>Builds the body a PUT stores (provisioningState is set by the caller).</summary>
    public virtual JsonObject Build(WriteContext context)
    {
        var body = new JsonObject
        {
            ["id"] = context.Id,
            ["name"] = context.Name,
            ["type"] = context.Type.ResponseType,
        };
        if (HasLocation(context))
        {
            body["location"] = Location(context);
        }

        foreach (var (name, value) in context.Request)
        {
            if (name is not ("id" or "name" or "type" or "location" or "properties" or "etag"))
            {
                body[name] = value?.DeepClone();
            }
        }

        if (!context.Type.IsChild && HasLocation(context))
        {
            body["tags"] ??= new JsonObject();
        }

        // provisioningState leads the properties, where Azure puts it.
        var properties = new JsonObject { ["provisioningState"] = "Succeeded" };
        foreach (var (name, value) in context.Request["properties"] as JsonObject ?? [])
        {
            if (name != "provisioningState")
            {
                properties[name] = value?.DeepClone();
            }
        }

        body["properties"] = properties;
        return body;
    }

    /// <summary>The body as answered; providers add what is derived from other resources.</summary>
    public virtual JsonObject Render(StoredResource resource, ResourceStore store) => (JsonObject)resource.Body.DeepClone();

    /// <summary>Side effects of an accepted PUT (e.g. a VNet's subnet list), done in the same request.</summary>
    public virtual void OnWritten(WriteContext context, StoredResource resource)
    {
    }

    /// <summary>Side effects once the operation that created or updated the resource has succeeded.</summary>
    public virtual void OnSucceeded(StoredResource resource, ResourceStore store)
    {
    }

    /// <summary>Side effects of the resource being gone (its own delete, or its parent's or resource group's).</summary>
    public virtual void OnRemoved(StoredResource resource, ResourceStore store)
    {
    }

    public virtual JsonObject? CreateSecrets() => null;

    /// <summary>The status of an accepted PUT: ARM's usual 201 for a create and 200 for an update, unless the provider differs.</summary>
    public virtual int PutStatus(bool created) => created ? 201 : 200;

    protected virtual bool HasLocation(WriteContext context) => !context.Type.IsChild;

    protected virtual string Location(WriteContext context) => Regions.Normalize(context.Location);

    protected static string NewEtag() => $"W/\"{Guid.NewGuid()}\"";

    protected static JsonObject Properties(JsonObject body) => JsonMerge.Properties(body);
}
