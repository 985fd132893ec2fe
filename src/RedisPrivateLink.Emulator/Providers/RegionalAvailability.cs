using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Resource types that a region does not serve at some api-version, as ARM answers while a new api-version rolls out
/// region by region: 400 NoRegisteredProviderFound "No registered resource provider found for location 'uksouth' and API
/// version '2024-09-01-preview' for type 'redisEnterprise'. The supported api-versions are '...'. The supported locations
/// are '...'." (Azure/azure-cli-extensions#8033 for `az redisenterprise show`; hashicorp/terraform-provider-azurerm#23865
/// for a create in eastus). A gap may also take the type out of the provider's resourceTypes, which is how a cloud
/// without the type (Azure Managed Redis is not in every cloud) describes itself.
/// </summary>
internal sealed class RegionalAvailability
{
    private readonly Lock _gate = new();
    private readonly List<Gap> _gaps = [];

    /// <param name="ResourceType">A top-level type, e.g. Microsoft.Cache/redisEnterprise.</param>
    /// <param name="Location">The region, normalized (uksouth).</param>
    /// <param name="ApiVersion">The api-version the region lacks; null for every one.</param>
    /// <param name="Listed">False when the provider's resourceTypes leave the type out: it does not exist there at all.</param>
    public sealed record Gap(string ResourceType, string Location, string? ApiVersion, bool Listed);

    public void Add(Gap gap)
    {
        lock (_gate)
        {
            _gaps.Add(gap with { Location = Regions.Normalize(gap.Location) });
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _gaps.Clear();
        }
    }

    /// <summary>Whether the provider's resourceTypes list the type.</summary>
    public bool IsListed(string resourceType)
    {
        lock (_gate)
        {
            return !_gaps.Any(g => !g.Listed && g.ResourceType.Equals(resourceType, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// Refuses a request for a type and api-version a region lacks: one for a resource in that region (or a PUT to
    /// it), and any list of the type — our reading: ARM gathers a list from every region's provider, so one region
    /// without the api-version fails it.
    /// </summary>
    public void Require(ResourceType type, ArmRequest request, string? resourceLocation, bool isList)
    {
        Gap? gap;
        lock (_gate)
        {
            gap = _gaps.FirstOrDefault(g => g.ResourceType.Equals(TopLevel(type.Key), StringComparison.OrdinalIgnoreCase)
                && (g.ApiVersion is null || g.ApiVersion.Equals(request.ApiVersion, StringComparison.OrdinalIgnoreCase))
                && (isList || (resourceLocation is not null && g.Location == Regions.Normalize(resourceLocation))));
        }

        if (gap is not null)
        {
            throw ArmErrors.NoRegisteredProvider(gap.Location, request.ApiVersion, type.Key[(type.Namespace.Length + 1)..],
                type.ApiVersions.Where(v => !v.Equals(request.ApiVersion, StringComparison.OrdinalIgnoreCase)));
        }
    }

    private static string TopLevel(string typeKey) => string.Join('/', typeKey.Split('/').Take(2));
}
