using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>Private DNS resources: location "global", plain (not weak) etags, counters derived from children.</summary>
internal abstract class PrivateDnsProvider : ResourceProvider
{
    public override string CreatingState => "Creating";

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        body["etag"] = Guid.NewGuid().ToString();
        return body;
    }

    protected override string Location(WriteContext context) => "global";
}

internal sealed class PrivateDnsZoneProvider : PrivateDnsProvider
{
    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        properties["maxNumberOfRecordSets"] = 25000;
        properties["maxNumberOfVirtualNetworkLinks"] = 1000;
        properties["maxNumberOfVirtualNetworkLinksWithRegistration"] = 100;
        return body;
    }

    /// <summary>Counts are live: the SOA record set plus A records, and the zone's links.</summary>
    public override JsonObject Render(StoredResource resource, ResourceStore store)
    {
        var body = base.Render(resource, store);
        var properties = Properties(body);
        var links = store.Under(resource.Id, "Microsoft.Network/privateDnsZones/virtualNetworkLinks").ToList();
        properties["numberOfRecordSets"] = 1 + store.Under(resource.Id, "Microsoft.Network/privateDnsZones/A").Count();
        properties["numberOfVirtualNetworkLinks"] = links.Count;
        properties["numberOfVirtualNetworkLinksWithRegistration"] =
            links.Count(l => l.Body["properties"]?["registrationEnabled"]?.GetValue<bool>() == true);
        return body;
    }
}

internal sealed class VirtualNetworkLinkProvider : PrivateDnsProvider
{
    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["registrationEnabled"] ??= false;
        properties["virtualNetworkLinkState"] = "InProgress";
        return body;
    }

    public override void OnSucceeded(StoredResource resource, ResourceStore store) =>
        Properties(resource.Body)["virtualNetworkLinkState"] = "Completed";

    protected override bool HasLocation(WriteContext context) => true;
}

internal sealed class ARecordSetProvider : PrivateDnsProvider
{
    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        var zone = context.Id.Split('/')[8];
        properties["fqdn"] = $"{context.Name}.{zone}.";
        properties["ttl"] ??= 3600;
        properties["aRecords"] ??= new JsonArray();
        properties["isAutoRegistered"] = false;
        return body;
    }

    protected override bool HasLocation(WriteContext context) => false;
}
