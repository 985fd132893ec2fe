using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RedisPrivateLink.Emulator.Arm;
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

/// <summary>A zone: a DNS name of two or more labels, deleted only once no VNet is linked to it.</summary>
internal sealed class PrivateDnsZoneProvider : PrivateDnsProvider
{
    public const string LinkType = "Microsoft.Network/privateDnsZones/virtualNetworkLinks";

    private static readonly Regex Label = new("^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$", RegexOptions.CultureInvariant);

    public override void Validate(WriteContext context)
    {
        var labels = context.Name.TrimEnd('.').Split('.');
        if (labels.Length < 2)
        {
            throw PrivateDnsErrors.NotEnoughLabels(context.Name);
        }

        if (context.Name.Length > 253 || !labels.All(Label.IsMatch))
        {
            throw PrivateDnsErrors.InvalidZoneName(context.Name);
        }
    }

    public override void ValidateDelete(StoredResource resource, ResourceStore store)
    {
        if (store.Under(resource.Id, LinkType).Any())
        {
            throw PrivateDnsErrors.ZoneHasLinks(resource.Name);
        }
    }

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
        var links = store.Under(resource.Id, LinkType).ToList();
        properties["numberOfRecordSets"] = 1 + store.Under(resource.Id, "Microsoft.Network/privateDnsZones/A").Count();
        properties["numberOfVirtualNetworkLinks"] = links.Count;
        properties["numberOfVirtualNetworkLinksWithRegistration"] =
            links.Count(l => l.Body["properties"]?["registrationEnabled"]?.GetValue<bool>() == true);
        return body;
    }
}

/// <summary>A zone's link to a VNet that exists; one link per VNet in a zone.</summary>
internal sealed class VirtualNetworkLinkProvider : PrivateDnsProvider
{
    /// <summary>
    /// privatedns 2024-06-01 (azure-rest-api-specs, Microsoft.Network/stable/2024-06-01/privatedns.json,
    /// VirtualNetworkLinkProperties.resolutionPolicy): the enum's values; the spec names no default, and a link sent
    /// without one is answered with Default, the behaviour without fallback (our reading).
    /// </summary>
    public static readonly string[] ResolutionPolicies = ["Default", "NxDomainRedirect"];

    private static string ZoneIdOf(string linkId) => linkId[..linkId.LastIndexOf("/virtualNetworkLinks/", StringComparison.OrdinalIgnoreCase)];

    public override void Validate(WriteContext context)
    {
        if (JsonMerge.String(context.Request["properties"], "resolutionPolicy") is { } policy
            && !ResolutionPolicies.Contains(policy, StringComparer.OrdinalIgnoreCase))
        {
            throw PrivateDnsErrors.InvalidResolutionPolicy(policy);
        }

        var vnetId = JsonMerge.String(context.Request["properties"]?["virtualNetwork"], "id") ?? "";
        if (context.Store.Find(vnetId) is not { } vnet
            || !vnet.TypeKey.Equals("Microsoft.Network/virtualNetworks", StringComparison.OrdinalIgnoreCase))
        {
            throw PrivateDnsErrors.VirtualNetworkNotFound(vnetId);
        }

        var zoneId = context.Id[..context.Id.LastIndexOf("/virtualNetworkLinks/", StringComparison.OrdinalIgnoreCase)];
        if (context.Store.Under(zoneId, PrivateDnsZoneProvider.LinkType).FirstOrDefault(l =>
                !l.Id.Equals(context.Id, StringComparison.OrdinalIgnoreCase)
                && string.Equals(JsonMerge.String(l.Body["properties"]?["virtualNetwork"], "id"), vnet.Id, StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            throw PrivateDnsErrors.VirtualNetworkAlreadyLinked(vnet.Id, zoneId[(zoneId.LastIndexOf('/') + 1)..], other.Name);
        }
    }

    /// <summary>
    /// A VNet takes one zone of a name: a link to a second same-named zone (another resource group or subscription) is
    /// accepted, and its operation ends Failed with BadRequest, as the deployment in Azure/ARO-RP#796 shows ("The
    /// resource operation completed with terminal provisioning state 'Failed'", detail BadRequest with this message;
    /// the message also in MicrosoftDocs/azure-aks-docs#212). A link left Failed links nothing, so it does not count.
    /// </summary>
    public override JsonObject? FailureOnceAccepted(WriteContext context)
    {
        var vnetId = JsonMerge.String(context.Request["properties"]?["virtualNetwork"], "id") ?? "";
        var zoneId = ZoneIdOf(context.Id);
        var zoneName = zoneId[(zoneId.LastIndexOf('/') + 1)..];
        var linkedElsewhere = context.Store.Under("/", PrivateDnsZoneProvider.LinkType).Any(link =>
            link.ProvisioningState != "Failed"
            && string.Equals(JsonMerge.String(link.Body["properties"]?["virtualNetwork"], "id"), vnetId, StringComparison.OrdinalIgnoreCase)
            && !ZoneIdOf(link.Id).Equals(zoneId, StringComparison.OrdinalIgnoreCase)
            && ZoneIdOf(link.Id).EndsWith("/" + zoneName, StringComparison.OrdinalIgnoreCase));
        return linkedElsewhere ? PrivateDnsErrors.OverlappingNamespaces(zoneName) : null;
    }

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["registrationEnabled"] ??= false;
        properties["resolutionPolicy"] ??= ResolutionPolicies[0];
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

    /// <summary>
    /// A record set has no provisioningState (the RecordSetAPut example, and the A record PUT in
    /// shared/recordings/azure-sdk-for-java_PrivateLinkTests.testPrivateEndpointE2E.dnszonegroup-excerpt.json).
    /// </summary>
    public override JsonObject Render(StoredResource resource, ResourceStore store)
    {
        var body = base.Render(resource, store);
        Properties(body).Remove("provisioningState");
        return body;
    }

    protected override bool HasLocation(WriteContext context) => false;
}
