<#
.SYNOPSIS
    The README's main job, on the local ARM emulator: both sections of Microsoft's "Azure Cache for Redis with Azure
    Private Link" procedure, then what an admin checks afterwards.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath
)

$ErrorActionPreference = 'Stop'
$env:RPL_TEST_EMULATOR = (Resolve-Path $EmulatorPath).Path
Import-Module (Join-Path $PSScriptRoot 'Pester/TestSupport.psm1')
Import-Module (Resolve-Path $ModulePath).Path

function Show-Step([string] $Command) { Write-Host "`n> $Command" -ForegroundColor Yellow }

$emulator = Start-TestEmulator
try {
    Write-Host "Local ARM emulator at $($emulator.Endpoint) (Azure's durations x 0.001)" -ForegroundColor Cyan

    Show-Step "Connect-RedisPrivateLink -EmulatorConnectionFile $($emulator.ConnectionFile)"
    Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile | Format-List | Out-Host

    $network = @{ VirtualNetworkName = 'vnet-app'; AddressPrefix = '10.10.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.10.1.0/24' }
    Show-Step 'New-RedisPrivateCache -Name contoso-cache -ResourceGroupName rg-cache -Location eastus -Sku Standard -Size C1 -VirtualNetworkName vnet-app -AddressPrefix 10.10.0.0/16 -SubnetName endpoints -SubnetPrefix 10.10.1.0/24 -WhatIf'
    New-RedisPrivateCache -Name contoso-cache -ResourceGroupName rg-cache -Location eastus -Sku Standard -Size C1 @network -WhatIf

    Show-Step 'New-RedisPrivateCache -Name contoso-cache -ResourceGroupName rg-cache -Location eastus -Sku Standard -Size C1 -VirtualNetworkName vnet-app -AddressPrefix 10.10.0.0/16 -SubnetName endpoints -SubnetPrefix 10.10.1.0/24'
    $cache = New-RedisPrivateCache -Name contoso-cache -ResourceGroupName rg-cache -Location eastus -Sku Standard -Size C1 @network -Confirm:$false
    $cache | Format-List | Out-String -Width 200 | Out-Host

    Show-Step '$cache | Add-RedisPrivateEndpoint -VirtualNetworkName vnet-reporting -AddressPrefix 10.20.0.0/16 -SubnetName endpoints -SubnetPrefix 10.20.1.0/24'
    $cache = $cache | Add-RedisPrivateEndpoint -VirtualNetworkName vnet-reporting -AddressPrefix 10.20.0.0/16 -SubnetName endpoints `
        -SubnetPrefix 10.20.1.0/24 -Confirm:$false
    $cache | Format-Table -AutoSize | Out-String -Width 200 | Out-Host

    Show-Step 'Get-RedisPrivateCache -ResourceGroupName rg-cache -Name contoso-cache | Get-RedisPrivateEndpoint | Format-List'
    Get-RedisPrivateCache -ResourceGroupName rg-cache -Name contoso-cache | Get-RedisPrivateEndpoint |
        Format-List | Out-String -Width 200 | Out-Host

    Show-Step "Get-RedisPrivateCache | Where-Object PublicNetworkAccess -eq Enabled    # the audit: caches still reachable from the internet"
    $public = @(Get-RedisPrivateCache | Where-Object PublicNetworkAccess -eq Enabled)
    Write-Host "$($public.Count) cache(s) with public network access enabled."

    Show-Step 'Disconnect-RedisPrivateLink'
    Disconnect-RedisPrivateLink
}
finally {
    Stop-TestEmulator $emulator
}
