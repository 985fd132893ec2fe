<#
.SYNOPSIS
    Moves VNet-injected Azure Cache for Redis instances to new caches behind private endpoints, side by side, keeping
    the old caches until clients have moved.

.DESCRIPTION
    A VNet-injected cache cannot get a private endpoint (the Private Link FAQ: delete it and create a new one). This
    script finds the VNet-injected caches (Get-RedisPrivateCache | Where-Object IsVNetInjected), optionally limited
    to a resource group and a name pattern, and runs Convert-VNetCacheToPrivateEndpoint on each:

      - side by side (-NewName <name><NewNameSuffix>): no downtime, clients move to the new host name when ready;
      - the endpoint goes into a new subnet (-SubnetName/-SubnetPrefix) of the injected cache's own virtual network
        (the injected subnet may hold only caches), so the same clients can reach it;
      - -KeepSource: the old cache stays, with its data, until you delete it (or run Convert-... again without
        -KeepSource); since nothing is deleted, no -DataMigration choice is needed;
      - -DataMigration ExportImport with -StorageContainerUri when the data must move (Premium export/import);
        without it the new cache starts empty and the data stays in the old one.

    It writes the new caches. Then test from a client VM in the network:
        Get-RedisPrivateCache -ResourceGroupName <rg> -Name <new name> | Test-RedisPrivateConnectivity -UseAccessKey
    and move the clients' connection strings to the new host name.

    Re-running: Convert-VNetCacheToPrivateEndpoint keeps its progress in tags on the caches, so after an interruption
    (Ctrl+C, a fault, a runbook time limit) run the same command again and each conversion continues where it
    stopped. The kept sources are still VNet-injected, so a re-run finds them again: for a finished conversion it
    writes nothing and creates nothing new (no second cache, no second endpoint). A finished conversion leaves one
    tag on the new cache, rpl-migration-source, naming the cache it came from; the progress tags are removed and the
    cache's own tags (copied from the source) are left as they are. Once the clients have moved, delete each source
    (Remove-AzRedisCache, or Convert-VNetCacheToPrivateEndpoint ... -NewName <same> without -KeepSource, which deletes
    it after verifying the target again; as it deletes the source it needs the data choice said: -DataMigration None,
    or ExportImport with -StorageContainerUri as in the first run, which does not export again).

.PARAMETER ResourceGroupName
    Only caches of this resource group. Without it, the whole subscription.

.PARAMETER Name
    Only caches whose name matches this pattern (wildcards allowed). Default: all.

.PARAMETER NewNameSuffix
    Appended to each source name to name the new cache. Default: -pl.

.PARAMETER SubnetName
    The subnet for the new private endpoint, created in each source cache's virtual network. Default: private-endpoints.

.PARAMETER SubnetPrefix
    The address range of that subnet; it must lie inside the source network. When several networks are migrated at
    once they must all have room for the same range; otherwise run the script once per network.

.PARAMETER StorageContainerUri
    A SAS URI of a blob container to move the data through (export/import). Without it, the new cache starts empty
    and the data stays in the kept source (the script always keeps the sources, so nothing is lost). Each cache's
    migration checks, before it writes anything, that the SAS ends (se) at least two hours after that migration
    starts (StorageSasExpiresTooSoon otherwise), so for many caches give one that lasts the whole batch.

.PARAMETER EmulatorConnectionFile
    For testing: connect to the local ARM emulator with this connection file. Without it the session's context is
    used (Connect-RedisPrivateLink first).

.EXAMPLE
    Connect-RedisPrivateLink -Subscription Production
    ./Migrate-VNetInjectedCache.ps1 -ResourceGroupName rg-legacy -SubnetPrefix 10.0.2.0/24 -WhatIf

    Lists every step for each VNet-injected cache of rg-legacy; writes nothing.

.EXAMPLE
    $sas = Read-Host -AsSecureString 'Container SAS URI'
    ./Migrate-VNetInjectedCache.ps1 -ResourceGroupName rg-legacy -Name legacy-* -SubnetPrefix 10.0.2.0/24 -StorageContainerUri $sas

    Migrates the legacy-* caches with their data; the sources stay until you delete them.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $ResourceGroupName,
    [string] $Name = '*',
    [string] $NewNameSuffix = '-pl',
    [string] $SubnetName = 'private-endpoints',
    [Parameter(Mandatory)] [string] $SubnetPrefix,
    [securestring] $StorageContainerUri,
    [string] $EmulatorConnectionFile
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module RedisPrivateLink)) { Import-Module RedisPrivateLink }

if ($EmulatorConnectionFile) {
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $EmulatorConnectionFile
}

$query = @{ Name = $Name }
if ($ResourceGroupName) { $query.ResourceGroupName = $ResourceGroupName }
$sources = @(Get-RedisPrivateCache @query | Where-Object IsVNetInjected)
if ($sources.Count -eq 0) {
    Write-Warning 'No VNet-injected cache matches; nothing to migrate.'
    return
}

foreach ($source in $sources) {
    $convert = @{
        NewName      = "$($source.Name)$NewNameSuffix"
        SubnetName   = $SubnetName          # created in the source cache's own virtual network
        SubnetPrefix = $SubnetPrefix
        KeepSource   = $true                # side by side: delete the old cache once clients have moved
    }
    if ($StorageContainerUri) {
        $convert.DataMigration = 'ExportImport'
        $convert.StorageContainerUri = $StorageContainerUri
    }

    Write-Verbose "Migrating $($source.ResourceGroupName)/$($source.Name) to $($convert.NewName)"
    # -WhatIf passes through ($WhatIfPreference); -Confirm:$false so nothing prompts (the source is kept anyway).
    $target = $source | Convert-VNetCacheToPrivateEndpoint @convert -Confirm:$false
    if ($target) {
        # The hint for the clients' side, on the host (and in a runbook's output log).
        Write-Host ("$($source.Name) -> $($target.Name) ($($target.PrivateIpAddresses -join ', ')). Test from a client " +
            "in the network: Get-RedisPrivateCache -ResourceGroupName $($target.ResourceGroupName) -Name $($target.Name) | " +
            'Test-RedisPrivateConnectivity -UseAccessKey')
        $target
    }
}
