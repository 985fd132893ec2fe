<#
    How to test your own script with Pester against RedisPrivateLink's local ARM emulator, without Azure.

    Needs the RedisPrivateLink module and its emulator, RedisPrivateLink.Emulator, installed where PowerShell finds
    modules, and dotnet with the ASP.NET Core 10 runtime on PATH to run the emulator:

        Install-PSResource -Name RedisPrivateLink, RedisPrivateLink.Emulator

    One line starts the emulator (on a free port of 127.0.0.1, at a thousandth of Azure's pace, stopped with this
    session even if PowerShell is killed) and one connects to it. The test then arranges state with the module's own
    cmdlets, runs the script and asserts what is in (emulated) ARM afterwards.

    Run it:
        Invoke-Pester ./MyScript.Tests.ps1 -Output Detailed
#>

BeforeAll {
    Import-Module RedisPrivateLink, RedisPrivateLink.Emulator
    $script:Script = Join-Path $PSScriptRoot 'MyScript.ps1'

    $script:Emulator = Start-RedisPrivateLinkEmulator
    $null = $Emulator | Connect-RedisPrivateLink

    # Arrange: two caches in rg-app (network vnet-app), and a shared network whose subnet every cache must reach.
    $network = @{ Location = 'eastus'; VirtualNetworkName = 'vnet-app'; AddressPrefix = '10.50.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.50.1.0/24'; Confirm = $false }
    $null = New-RedisPrivateCache -Name myscript-a -ResourceGroupName rg-app @network
    $null = New-RedisPrivateCache -Name myscript-b -ResourceGroupName rg-app @network
    $shared = New-RedisPrivateCache -Name myscript-shared -ResourceGroupName rg-shared -Location eastus -VirtualNetworkName vnet-shared `
        -AddressPrefix 10.60.0.0/16 -SubnetName endpoints -SubnetPrefix 10.60.1.0/24 -Confirm:$false
    $script:SharedSubnetId = $shared.PrivateEndpoints[0].SubnetId
}

AfterAll {
    Disconnect-RedisPrivateLink
    $Emulator | Stop-RedisPrivateLinkEmulator
}

Describe 'MyScript.ps1' {
    It 'gives every cache of the group an approved endpoint in the shared subnet' {
        $result = & $Script -ResourceGroupName rg-app -SubnetId $SharedSubnetId -WarningAction SilentlyContinue

        @($result.Name | Sort-Object) | Should -Be @('myscript-a', 'myscript-b')
        foreach ($cache in Get-RedisPrivateCache -ResourceGroupName rg-app) {
            $endpoint = $cache.PrivateEndpoints | Where-Object SubnetId -eq $SharedSubnetId
            $endpoint | Should -Not -BeNullOrEmpty -Because "$($cache.Name) needs an endpoint in the shared subnet"
            $endpoint.ConnectionState | Should -Be 'Approved'
            $endpoint.PrivateIpAddress | Should -Match '^10\.60\.1\.\d+$'
        }
    }

    It 'adds nothing when run again' {
        $null = & $Script -ResourceGroupName rg-app -SubnetId $SharedSubnetId

        foreach ($cache in Get-RedisPrivateCache -ResourceGroupName rg-app) {
            $cache.PrivateEndpoints.Count | Should -Be 2
        }
    }

    It 'leaves caches of other groups alone' {
        (Get-RedisPrivateCache -ResourceGroupName rg-shared -Name myscript-shared).PrivateEndpoints.Count | Should -Be 1
    }

    It 'writes nothing with -WhatIf' {
        $null = New-RedisPrivateCache -Name myscript-c -ResourceGroupName rg-app -Location eastus -VirtualNetworkName vnet-app -SubnetName endpoints -Confirm:$false

        & $Script -ResourceGroupName rg-app -SubnetId $SharedSubnetId -WhatIf

        (Get-RedisPrivateCache -ResourceGroupName rg-app -Name myscript-c).PrivateEndpoints.Count | Should -Be 1
    }
}
