<#
.SYNOPSIS
    Azure Automation runbook: turns public network access off on every Azure Cache for Redis of a subscription that
    can already be reached through an approved private endpoint, and reports the others.

.DESCRIPTION
    Signs in with the Automation account's managed identity (Connect-RedisPrivateLink -Identity), lists every cache
    of the subscription (Get-RedisPrivateCache) and, for each cache whose PublicNetworkAccess is Enabled:

      - with at least one Approved private endpoint: disables public access (Set-RedisPublicNetworkAccess);
      - without one: leaves it alone and writes a warning. Disabling public access there would make the cache
        unreachable; the module refuses that (CacheWouldBeUnreachable) and this runbook never forces it.

    It writes one summary object per cache: Name, ResourceGroupName, Action (Disabled, AlreadyPrivate,
    NeedsEndpoint, WouldDisable under -WhatIf, Failed), PublicNetworkAccess (after the run) and ApprovedEndpoints.
    A failure on one cache is written as a non-terminating error and the runbook goes on with the next.

    Nothing prompts: every change is made with -Confirm:$false. Run it with -WhatIf first to see what it would do.

    Azure Automation setup: import the RedisPrivateLink module into the Automation account (PowerShell 7.4 runtime),
    turn on the account's system-assigned managed identity and give it, on the subscription, a role that can read
    caches and private endpoints and write Microsoft.Cache/redis (for example "Redis Cache Contributor" plus
    "Reader"). Schedule the runbook, for example daily.

.PARAMETER Subscription
    The subscription to enforce, by id or name. Without it, the identity's default subscription.

.PARAMETER ClientId
    The client id of a user-assigned managed identity. Without it, the system-assigned identity is used.

.PARAMETER EmulatorConnectionFile
    For testing: the connection file of the local ARM emulator. Replaces the managed identity sign-in, so the runbook
    can run on a workstation or in CI without Azure.

.EXAMPLE
    ./Enforce-PrivateOnlyRunbook.ps1 -WhatIf

    In the Automation account's test pane (or any session): shows which caches would be switched, changes nothing.

.EXAMPLE
    ./Enforce-PrivateOnlyRunbook.ps1 -Subscription Production | Where-Object Action -eq NeedsEndpoint

    Enforces private-only access on the Production subscription and lists the caches that still need a private
    endpoint (New-RedisPrivateCache or Add-RedisPrivateEndpoint) before they can be made private.

.EXAMPLE
    ./Enforce-PrivateOnlyRunbook.ps1 -EmulatorConnectionFile ./emulator.json

    Runs against the local ARM emulator (dotnet out/emulator/RedisPrivateLink.Emulator.dll --port 0
    --connection-file ./emulator.json).
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Subscription,
    [string] $ClientId,
    [string] $EmulatorConnectionFile
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module RedisPrivateLink)) { Import-Module RedisPrivateLink }

# Sign in. In Azure Automation: the account's managed identity. For testing: the local ARM emulator.
if ($EmulatorConnectionFile) {
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $EmulatorConnectionFile
}
else {
    $connect = @{ Identity = $true }
    if ($ClientId) { $connect.ClientId = $ClientId }
    if ($Subscription) { $connect.Subscription = $Subscription }
    $null = Connect-RedisPrivateLink @connect
}

foreach ($cache in Get-RedisPrivateCache) {
    $approved = @($cache.PrivateEndpoints | Where-Object ConnectionState -eq 'Approved')
    $summary = [ordered]@{
        Name                = $cache.Name
        ResourceGroupName   = $cache.ResourceGroupName
        Action              = $null
        PublicNetworkAccess = $cache.PublicNetworkAccess
        ApprovedEndpoints   = $approved.Count
    }

    if ($cache.PublicNetworkAccess -ne 'Enabled') {
        $summary.Action = 'AlreadyPrivate'
    }
    elseif ($approved.Count -eq 0) {
        # Never forced: without an approved endpoint the cache would be unreachable for every client.
        Write-Warning ("Cache '$($cache.Name)' in '$($cache.ResourceGroupName)' is reachable from the internet and has " +
            'no approved private endpoint. Give it one (Add-RedisPrivateEndpoint), then run this runbook again.')
        $summary.Action = 'NeedsEndpoint'
    }
    elseif ($PSCmdlet.ShouldProcess("$($cache.ResourceGroupName)/$($cache.Name)", 'Disable public network access')) {
        try {
            $after = $cache | Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Confirm:$false
            $summary.Action = 'Disabled'
            $summary.PublicNetworkAccess = $after.PublicNetworkAccess
        }
        catch {
            # One cache failing (a lock, a missing permission) must not stop the others.
            Write-Error -ErrorRecord $_ -ErrorAction Continue
            $summary.Action = 'Failed'
        }
    }
    else {
        $summary.Action = 'WouldDisable'
    }

    [pscustomobject]$summary
}
