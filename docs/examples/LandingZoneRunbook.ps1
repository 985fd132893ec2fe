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
      - -PrivateDnsZoneGroupByPolicy, when the runbook is given it (instead of -HubPrivateDnsZoneId): for a landing
        zone that denies private DNS zones in application and spoke subscriptions and lets a DeployIfNotExists policy
        (the built-in "Configure Azure Cache for Redis to use private DNS zones") add each endpoint's zone group,
        pointing at the hub zone. No zone, link or zone group is made; the module waits for the policy's zone group
        and checks the cache's A record in the hub zone. It is a switch, not detected: whether an assignment's
        deployment will reach a given endpoint (its scope, exclusions, exemptions, the zone it is given, the roles of
        its own identity) is the platform team's knowledge, and a wrong guess either waits 30 minutes for a zone
        group no policy adds or writes one the policy then finds in place. When private DNS zones are denied and the
        switch is missing, the module stops before any write with RequestDisallowedByPolicy and suggests it.

    Everything is checked before the first write: a subnet or zone that is missing, or in a subscription the identity
    cannot see (SubscriptionNotFound, naming it), stops that cache with nothing written. One cache failing is a
    non-terminating error and the runbook goes on with the next. Run it again after a failure, or with more caches:
    it continues and converges; a cache already in place is left as it is. It writes the caches it made or found.
    Nothing prompts (-Confirm:$false); -WhatIf shows every step and writes nothing.

    Azure Automation setup: import the RedisPrivateLink module (PowerShell 7.4 runtime) and give the identity these
    built-in roles, and nothing more (about_RedisPrivateLink, PERMISSIONS, per cmdlet):
      - Redis Cache Contributor and Reader on each cache's resource group in the application subscription
        (Microsoft.Cache/redis/write). The group must exist: creating one needs Contributor on the subscription.
      - Network Contributor on each spoke network's resource group (Microsoft.Network/privateEndpoints/write,
        .../privateDnsZoneGroups/write, Microsoft.Network/virtualNetworks/subnets/join/action on the subnet).
      - On the hub zone: with -PrivateDnsZoneGroupByPolicy, Reader only (the runbook reads the A record the
        policy wrote); else Private DNS Zone Contributor (Microsoft.Network/privateDnsZones/join/action, plus
        .../virtualNetworkLinks/write and Microsoft.Network/virtualNetworks/join/action on the spoke network when
        it links a spoke itself). A hub the platform team pre-links needs no link permission.
    A missing role stops that cache with InsufficientPermissions, naming each action, its scope and the role that
    grants it, before anything is written.

.PARAMETER Cache
    One hashtable per cache: Name, ResourceGroupName (in the application subscription), SubnetId (the spoke subnet
    for its private endpoint, any subscription), and optionally Sku (Basic, Standard, Premium; Standard by default),
    Size (C1 by default) and Tag (a hashtable).

.PARAMETER HubPrivateDnsZoneId
    The id of the hub's private DNS zone for Redis, for example
    /subscriptions/<connectivity>/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net.
    Leave it out when the platform team has linked every spoke to it already, and with -PrivateDnsZoneGroupByPolicy
    (the policy names the zone).

.PARAMETER PrivateDnsZoneGroupByPolicy
    The landing zone's DeployIfNotExists policy adds each endpoint's DNS zone group: the runbook makes no zone, link
    or zone group, waits (at most 30 minutes) for the policy's and checks the cache's A record. See DESCRIPTION.

.PARAMETER Location
    The region of the caches, eastus by default. A spoke network in another region gets a cross-region endpoint.

.PARAMETER Subscription
    The application subscription the caches go in, by id or name. Without it, the identity's default subscription.

.PARAMETER ClientId
    The client id of a user-assigned managed identity. Without it, the system-assigned identity is used.

.PARAMETER EmulatorConnectionFile
    For testing: the connection file of the local ARM emulator, so the runbook can run on a workstation or in CI
    without Azure. In an Automation-like sandbox (IDENTITY_ENDPOINT and IDENTITY_HEADER set, from the connection
    file's identityEndpoint and identityHeader) it signs in with the managed identity against the emulator, which
    holds it to its role assignments; elsewhere with the emulator's static token, which no role limits.

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

.EXAMPLE
    ./LandingZoneRunbook.ps1 -Subscription 'Orders - Production' -PrivateDnsZoneGroupByPolicy -Cache $caches

    A landing zone that denies private DNS zones outside the hub and deploys each endpoint's zone group by policy.
#>
[CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'HubZone')]
param(
    [Parameter(Mandatory)] [hashtable[]] $Cache,
    [Parameter(ParameterSetName = 'HubZone')] [string] $HubPrivateDnsZoneId,
    [Parameter(ParameterSetName = 'ByPolicy', Mandatory)] [switch] $PrivateDnsZoneGroupByPolicy,
    [string] $Location = 'eastus',
    [string] $Subscription,
    [string] $ClientId,
    [string] $EmulatorConnectionFile
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module RedisPrivateLink)) { Import-Module RedisPrivateLink }

# Sign in. In Azure Automation: the account's managed identity. For testing: the local ARM emulator, with the managed
# identity in an Automation-like sandbox, else with its static token.
$connect = @{ Identity = $true }
if ($EmulatorConnectionFile) {
    $connect.EmulatorConnectionFile = $EmulatorConnectionFile
    if (-not $env:IDENTITY_ENDPOINT) { $connect.Remove('Identity') }
}
if ($ClientId -and $connect.Identity) { $connect.ClientId = $ClientId }
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
    if ($PrivateDnsZoneGroupByPolicy) { $parameters.PrivateDnsZoneGroupByPolicy = $true }  # the policy's zone group, waited for

    try {
        New-RedisPrivateCache @parameters
    }
    catch {
        # One cache failing (a subnet in a subscription the identity cannot see, a missing role) must not stop the others.
        Write-Error -ErrorRecord $_ -ErrorAction Continue
    }
}
