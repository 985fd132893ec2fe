<#
.SYNOPSIS
    Makes sure every cache of a resource group has a private endpoint in a given subnet.

.DESCRIPTION
    A small script of the kind a team writes for itself, here to show how to test such a script with Pester against
    the local ARM emulator (see MyScript.Tests.ps1 next to it). For each cache of -ResourceGroupName that has no
    private endpoint in -SubnetId yet, it adds one with Add-RedisPrivateEndpoint (which links the private DNS zone to
    that subnet's network first). Caches that have one already are left alone, so it can run again and again.
    It writes every cache of the group, as it is afterwards.

.PARAMETER ResourceGroupName
    The resource group whose caches to check.

.PARAMETER SubnetId
    The resource id of the subnet every cache must have an endpoint in, for example a shared services network.

.EXAMPLE
    ./MyScript.ps1 -ResourceGroupName rg-app -SubnetId $sharedSubnetId | Format-Table Name, PrivateIpAddresses

    Adds the missing endpoints and shows each cache's private IPs.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $ResourceGroupName,
    [Parameter(Mandatory)] [string] $SubnetId
)

$ErrorActionPreference = 'Stop'

foreach ($cache in Get-RedisPrivateCache -ResourceGroupName $ResourceGroupName) {
    $inSubnet = $cache.PrivateEndpoints | Where-Object { $_.SubnetId -eq $SubnetId }
    if ($inSubnet) {
        $cache
    }
    else {
        $cache | Add-RedisPrivateEndpoint -SubnetId $SubnetId -Confirm:$false
    }
}
