using System;
using System.Collections.Generic;

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

    /// <summary>The provisioning state of each existing resource an earlier write left Failed, by the key of its step.</summary>
    public IDictionary<string, string> FailedStates { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Records <paramref name="provisioningState"/> for the step <paramref name="key"/> when it says Failed.</summary>
    public ExistingResources WithState(string key, string? provisioningState)
    {
        if (FailedProvisioning.IsFailed(provisioningState))
        {
            FailedStates[key] = provisioningState!;
        }

        return this;
    }

    /// <summary>The Failed provisioning state validation found for the step <paramref name="key"/>, or null.</summary>
    public string? FailedState(string key) => FailedStates.TryGetValue(key, out var state) ? state : null;
}
