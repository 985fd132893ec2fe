<#
.SYNOPSIS
    The README's main job, on the local ARM emulator: start it, connect, show the context, disconnect.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath
)

$ErrorActionPreference = 'Stop'
$env:RPL_TEST_EMULATOR = $EmulatorPath
Import-Module (Join-Path $PSScriptRoot 'Pester/TestSupport.psm1')
Import-Module $ModulePath

$emulator = Start-TestEmulator
try {
    Write-Host "Local ARM emulator listening at $($emulator.Endpoint)" -ForegroundColor Cyan
    Write-Host "`n> Connect-RedisPrivateLink -EmulatorConnectionFile $($emulator.ConnectionFile)" -ForegroundColor Yellow
    Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile -Verbose | Format-List | Out-Host

    Write-Host '> Get-RedisPrivateLinkContext' -ForegroundColor Yellow
    Get-RedisPrivateLinkContext | Format-Table | Out-Host

    Write-Host '> Disconnect-RedisPrivateLink' -ForegroundColor Yellow
    Disconnect-RedisPrivateLink -Verbose
}
finally {
    Stop-TestEmulator $emulator
}
