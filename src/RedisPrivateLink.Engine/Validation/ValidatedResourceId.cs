using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// The parts of a resource id that passed <see cref="ResourceIdRules.Parse"/>, with keywords and the type in canonical
/// casing and the subscription id in lowercase, so ids compare by string.
/// </summary>
public sealed class ValidatedResourceId
{
    internal ValidatedResourceId(string subscriptionId, string resourceGroupName, string providerNamespace,
        IReadOnlyList<string> resourceTypes, IReadOnlyList<string> names)
    {
        SubscriptionId = subscriptionId;
        ResourceGroupName = resourceGroupName;
        ProviderNamespace = providerNamespace;
        ResourceTypes = resourceTypes;
        Names = names;
    }

    public string SubscriptionId { get; }

    public string ResourceGroupName { get; }

    /// <summary>For example Microsoft.Network.</summary>
    public string ProviderNamespace { get; }

    /// <summary>The type segments from the outermost in, for example virtualNetworks, subnets.</summary>
    public IReadOnlyList<string> ResourceTypes { get; }

    /// <summary>The names matching <see cref="ResourceTypes"/>, for example vnet1, default.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>For example Microsoft.Network/virtualNetworks/subnets.</summary>
    public string FullType => ProviderNamespace + "/" + string.Join("/", ResourceTypes);

    /// <summary>The resource's own name (the last name segment).</summary>
    public string Name => Names[Names.Count - 1];

    /// <summary>The id as the ARM layer takes it; parsing the canonical form cannot fail once validated.</summary>
    public ResourceId ToResourceId() => ResourceId.Parse(ToString());

    public override string ToString()
    {
        var path = $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}/providers/{ProviderNamespace}";
        for (var i = 0; i < ResourceTypes.Count; i++)
        {
            path += "/" + ResourceTypes[i] + "/" + Names[i];
        }

        return path;
    }
}
