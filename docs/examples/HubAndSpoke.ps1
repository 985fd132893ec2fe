<#
.SYNOPSIS
    Hub-and-spoke: one central private DNS zone in the hub resource group, a cache behind a private endpoint in each
    spoke network, every spoke network linked to that one zone.

.DESCRIPTION
    In a hub-and-spoke landing zone the private DNS zones live once, in the hub (connectivity) resource group, and
    every spoke network is linked to them; a DNS resolver or forwarder in the hub then answers for on-premises
    clients too. For Azure Cache for Redis the zone is privatelink.redis.cache.windows.net (AzureCloud; the context
    knows the zone of other clouds).

    This script:
      1. makes sure the hub zone exists. New-RedisPrivateCache -PrivateDnsZoneResourceGroupName only *uses* a zone
         that already exists in the hub (it stops with PrivateDnsZoneNotFound, before writing anything, when it does
         not): the hub belongs to the platform team. When the zone is missing and Az.PrivateDns is available, the
         script creates it with New-AzResourceGroup / New-AzPrivateDnsZone; otherwise it stops and says how.
      2. for each spoke: New-RedisPrivateCache with the spoke's resource group, network and subnet and
         -PrivateDnsZoneResourceGroupName <hub>. The cmdlet links the hub zone to the spoke network, creates the
         cache (public access Disabled), its private endpoint, and the endpoint's DNS zone group, which writes the
         cache's A record into the hub zone. No zone is created in the spokes. (A spoke network the platform team
         has already linked to the hub zone needs no -PrivateDnsZoneResourceGroupName: the cmdlets find the zone it
         is linked to. This script creates the spoke networks, so it names the hub.)

    Everything is idempotent: run it again after a failure, or with more spokes, and it continues. It writes the
    caches it made or found.

.PARAMETER HubResourceGroupName
    The hub resource group that holds the central private DNS zone.

.PARAMETER Location
    The region of the spokes and caches.

.PARAMETER Spoke
    One hashtable per spoke: Name (spoke name, used for the resource group rg-<Name> and network vnet-<Name>),
    CacheName, AddressPrefix (the spoke network) and SubnetPrefix (its endpoints subnet). Defaults to two spokes,
    spoke1 (10.1.0.0/16) and spoke2 (10.2.0.0/16).

.PARAMETER Sku
    The SKU of the caches: Basic, Standard (default) or Premium.

.PARAMETER Size
    The size of the caches, C1 by default.

.PARAMETER EmulatorConnectionFile
    For testing: connect to the local ARM emulator with this connection file. Without it the script uses the
    session's context (Connect-RedisPrivateLink first).

.EXAMPLE
    Connect-RedisPrivateLink -Subscription 'Landing zone - Apps'
    ./HubAndSpoke.ps1 -HubResourceGroupName rg-connectivity-dns -WhatIf

    Shows every step for both default spokes; writes nothing.

.EXAMPLE
    ./HubAndSpoke.ps1 -HubResourceGroupName rg-hub -Spoke @(
        @{ Name = 'orders';  CacheName = 'contoso-orders';  AddressPrefix = '10.31.0.0/16'; SubnetPrefix = '10.31.1.0/24' }
        @{ Name = 'billing'; CacheName = 'contoso-billing'; AddressPrefix = '10.32.0.0/16'; SubnetPrefix = '10.32.1.0/24' }
    ) | Format-Table

    Two spokes with their own networks and caches, both resolved through the zone in rg-hub.

.EXAMPLE
    ./HubAndSpoke.ps1 -EmulatorConnectionFile ./emulator.json

    Runs against the local ARM emulator. The emulator starts empty, so create the hub zone there first (the
    repository's tests do this with a raw ARM PUT of
    /subscriptions/<id>/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net).
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $HubResourceGroupName = 'rg-hub',
    [string] $Location = 'eastus',
    [hashtable[]] $Spoke = @(
        @{ Name = 'spoke1'; CacheName = 'contoso-spoke1-cache'; AddressPrefix = '10.1.0.0/16'; SubnetPrefix = '10.1.1.0/24' }
        @{ Name = 'spoke2'; CacheName = 'contoso-spoke2-cache'; AddressPrefix = '10.2.0.0/16'; SubnetPrefix = '10.2.1.0/24' }
    ),
    [ValidateSet('Basic', 'Standard', 'Premium')] [string] $Sku = 'Standard',
    [string] $Size = 'C1',
    [string] $EmulatorConnectionFile
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module RedisPrivateLink)) { Import-Module RedisPrivateLink }

$context = if ($EmulatorConnectionFile) {
    Connect-RedisPrivateLink -EmulatorConnectionFile $EmulatorConnectionFile
}
else {
    Get-RedisPrivateLinkContext   # NotConnected when there is none: run Connect-RedisPrivateLink first
}
$zoneName = $context.RedisPrivateDnsZone   # privatelink.redis.cache.windows.net in AzureCloud

# 1. The hub zone. RedisPrivateLink links and fills a zone in another resource group but does not create it there:
#    that is the hub owner's job. With Az.PrivateDns (and Connect-AzAccount) this script does it once.
if (-not $context.IsEmulator -and (Get-Command New-AzPrivateDnsZone -ErrorAction Ignore)) {
    if (-not (Get-AzPrivateDnsZone -ResourceGroupName $HubResourceGroupName -Name $zoneName -ErrorAction Ignore)) {
        if ($PSCmdlet.ShouldProcess("$HubResourceGroupName/$zoneName", 'Create the central private DNS zone')) {
            if (-not (Get-AzResourceGroup -Name $HubResourceGroupName -ErrorAction Ignore)) {
                $null = New-AzResourceGroup -Name $HubResourceGroupName -Location $Location
            }
            $null = New-AzPrivateDnsZone -ResourceGroupName $HubResourceGroupName -Name $zoneName
        }
    }
}

# 2. One cache per spoke, each spoke network linked to the hub zone. New-RedisPrivateCache validates first: if the
#    hub zone is missing it stops with PrivateDnsZoneNotFound before anything is written.
foreach ($s in $Spoke) {
    $parameters = @{
        Name                            = $s.CacheName
        ResourceGroupName               = "rg-$($s.Name)"
        Location                        = $Location
        Sku                             = $Sku
        Size                            = $Size
        VirtualNetworkName              = "vnet-$($s.Name)"
        AddressPrefix                   = $s.AddressPrefix
        SubnetName                      = 'endpoints'
        SubnetPrefix                    = $s.SubnetPrefix
        PrivateDnsZoneResourceGroupName = $HubResourceGroupName   # the central zone: linked, never created here
        Tag                             = @{ spoke = $s.Name }
        Context                         = $context
    }
    try {
        # -WhatIf passes through ($WhatIfPreference); -Confirm:$false so a scheduled run never prompts.
        New-RedisPrivateCache @parameters -Confirm:$false
    }
    catch {
        if ($_.FullyQualifiedErrorId -like 'PrivateDnsZoneNotFound,*') {
            throw ("The central zone '$zoneName' does not exist in '$HubResourceGroupName'. Create it once, for example " +
                "with Az.PrivateDns: New-AzPrivateDnsZone -ResourceGroupName $HubResourceGroupName -Name $zoneName " +
                "(or in your landing zone's templates), then run this script again. ($($_.Exception.Message))")
        }
        throw
    }
}

# Check from a VM in a spoke (the zone answers for every linked network):
#   Get-RedisPrivateCache -ResourceGroupName rg-spoke1 | Test-RedisPrivateConnectivity -VirtualNetworkId <vnet-spoke1 id>
