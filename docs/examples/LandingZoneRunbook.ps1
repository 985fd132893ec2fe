<#
.SYNOPSIS
    Azure Automation runbook for a landing zone: private caches in an application subscription, their endpoints in
    spoke networks of other subscriptions, their DNS records in the hub's central private DNS zone.

.DESCRIPTION
    In an enterprise landing zone the private DNS zones live once, in the hub (connectivity) subscription, the
    platform team links every spoke network to them, and application teams deploy into their own subscriptions with
    narrow roles. This runbook signs in as the Automation account's managed identity (Connect-RedisPrivateLink
    -Identity, or -ClientId for a user-assigned one) and, for each cache described by -Cache, runs
    New-RedisPrivateCache in the identity's application subscription with:

      - -SubnetId: the spoke's subnet, in whichever subscription it lives. Azure puts a private endpoint in its
        network's subscription, so the endpoint goes there (in the network's resource group), the cache stays in the
        application subscription.
      - -PrivateDnsZoneId: the hub's privatelink.redis.cache.windows.net zone, when -HubPrivateDnsZoneId is given. The
        spoke network is linked to it (unless it is already) and the endpoint's DNS zone group writes the cache's A
        record there. Without -HubPrivateDnsZoneId the spoke must already be linked to a zone of that name: the
        module finds it in any subscription the identity can see, and writes nothing under the hub but the record,
        which the zone group in the spoke writes (it needs Microsoft.Network/privateDnsZones/join/action on the zone).

    Everything is checked before the first write: a subnet or zone that is missing, or in a subscription the identity
    cannot see (SubscriptionNotFound, naming it), stops that cache with nothing written. One cache failing is a
    non-terminating error and the runbook goes on with the next. Run it again after a failure, or with more caches:
    it continues and converges; a cache already in place is left as it is. It writes the caches it made or found.
    Nothing prompts (-Confirm:$false); -WhatIf shows every step and writes nothing.

    Azure Automation setup: import the RedisPrivateLink module (PowerShell 7.4 runtime) and give the identity roles
    where it writes: on the application subscription (or its resource groups) a role that writes Microsoft.Cache/redis
    and resource groups; on each spoke subnet Microsoft.Network/virtualNetworks/subnets/join/action and
    Microsoft.Network/privateEndpoints/write in its resource group (Network Contributor there); on the hub zone
    Microsoft.Network/privateDnsZones/join/action, plus virtualNetworkLinks/write when it is to link spokes itself
    (Private DNS Zone Contributor on the zone). A hub the platform team pre-links needs no link permission.

.PARAMETER Cache
    One hashtable per cache: Name, ResourceGroupName (in the application subscription), SubnetId (the spoke subnet
    for its private endpoint, any subscription), and optionally Sku (Basic, Standard, Premium; Standard by default),
    Size (C1 by default) and Tag (a hashtable).

.PARAMETER HubPrivateDnsZoneId
    The id of the hub's private DNS zone for Redis, for example
    /subscriptions/<connectivity>/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net.
    Leave it out when the platform team has linked every spoke to it already.

.PARAMETER Location
    The region of the caches, eastus by default. A spoke network in another region gets a cross-region endpoint.

.PARAMETER Subscription
    The application subscription the caches go in, by id or name. Without it, the identity's default subscription.

.PARAMETER ClientId
    The client id of a user-assigned managed identity. Without it, the system-assigned identity is used.

.PARAMETER EmulatorConnectionFile
    For testing: the connection file of the local ARM emulator. Replaces the managed identity sign-in, so the runbook
    can run on a workstation or in CI without Azure.

.EXAMPLE
    $hub = '/subscriptions/<connectivity>/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net'
    ./LandingZoneRunbook.ps1 -Subscription 'Orders - Production' -HubPrivateDnsZoneId $hub -Cache @(
        @{ Name = 'orders-cache'; ResourceGroupName = 'rg-orders'; SubnetId = '/subscriptions/<spoke>/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-orders/subnets/endpoints' }
    ) -WhatIf

    Shows every step (the link of vnet-orders to the hub zone, the cache, the endpoint in the spoke, its zone group);
    writes nothing.

.EXAMPLE
    ./LandingZoneRunbook.ps1 -Cache @(
        @{ Name = 'billing-cache'; ResourceGroupName = 'rg-billing'; SubnetId = $billingSubnetId; Sku = 'Premium'; Size = 'P1'; Tag = @{ costCenter = '4711' } }
    )

    A spoke the platform team has already linked to the hub zone: no zone parameter, the zone is found.

.EXAMPLE
    ./LandingZoneRunbook.ps1 -EmulatorConnectionFile ./emulator.json -HubPrivateDnsZoneId $hub -Cache $caches

    Runs against the local ARM emulator, started with its hub and spoke subscriptions
    (Start-RedisPrivateLinkEmulator -AdditionalSubscriptionId $hubSubscription, $spokeSubscription).
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [hashtable[]] $Cache,
    [string] $HubPrivateDnsZoneId,
    [string] $Location = 'eastus',
    [string] $Subscription,
    [string] $ClientId,
    [string] $EmulatorConnectionFile
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module RedisPrivateLink)) { Import-Module RedisPrivateLink }

# Sign in. In Azure Automation: the account's managed identity. For testing: the local ARM emulator.
$connect = if ($EmulatorConnectionFile) { @{ EmulatorConnectionFile = $EmulatorConnectionFile } } else { @{ Identity = $true } }
if ($ClientId -and -not $EmulatorConnectionFile) { $connect.ClientId = $ClientId }
if ($Subscription) { $connect.Subscription = $Subscription }
$context = Connect-RedisPrivateLink @connect

foreach ($entry in $Cache) {
    $parameters = @{
        Name              = $entry.Name
        ResourceGroupName = $entry.ResourceGroupName
        Location          = $Location
        Sku               = if ($entry.Sku) { $entry.Sku } else { 'Standard' }
        Size              = if ($entry.Size) { $entry.Size } else { 'C1' }
        SubnetId          = $entry.SubnetId          # the spoke's subnet: the endpoint goes in that subscription
        Context           = $context
        Confirm           = $false                   # a scheduled run never prompts; -WhatIf passes through
    }
    if ($entry.Tag) { $parameters.Tag = $entry.Tag }
    if ($HubPrivateDnsZoneId) { $parameters.PrivateDnsZoneId = $HubPrivateDnsZoneId }   # else: the zone the spoke is linked to

    try {
        New-RedisPrivateCache @parameters
    }
    catch {
        # One cache failing (a subnet in a subscription the identity cannot see, a missing role) must not stop the others.
        Write-Error -ErrorRecord $_ -ErrorAction Continue
    }
}
