namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What validation found already in place, so each step's -WhatIf line says Create or Use truthfully.</summary>
internal sealed class ExistingResources
{
    public ExistingResources(bool resourceGroup, bool cache, string? zoneLinkName, bool privateEndpoint, string? zoneGroupName)
    {
        ResourceGroup = resourceGroup;
        Cache = cache;
        ZoneLinkName = zoneLinkName;
        PrivateEndpoint = privateEndpoint;
        ZoneGroupName = zoneGroupName;
    }

    public bool ResourceGroup { get; }

    public bool Cache { get; }

    /// <summary>The name of the zone's link to the endpoint's VNet, whatever it is called; null when there is none.</summary>
    public string? ZoneLinkName { get; }

    public bool PrivateEndpoint { get; }

    /// <summary>The name of the endpoint's zone group; null when it has none.</summary>
    public string? ZoneGroupName { get; }
}
