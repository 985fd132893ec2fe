BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:CommandType = 'RedisPrivateLink.Commands.RemoveRedisPrivateEndpointCommand'
    $script:Zone = 'privatelink.redis.cache.windows.net'
    $script:Cache = New-RedisPrivateCache -Name pester-rm -ResourceGroupName rg-rm -Location eastus -VirtualNetworkName vnet-61 `
        -AddressPrefix 10.61.0.0/16 -SubnetName endpoints -SubnetPrefix 10.61.1.0/24 -Confirm:$false |
        Add-RedisPrivateEndpoint -Name pester-rm-second -VirtualNetworkName vnet-62 -AddressPrefix 10.62.0.0/16 -SubnetName endpoints -SubnetPrefix 10.62.1.0/24 -Confirm:$false -WarningAction SilentlyContinue
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Remove-RedisPrivateEndpoint' {
    It 'removes a piped endpoint with its zone group, and its link with -RemoveDnsZoneLink' {
        $second = $Cache.PrivateEndpoints | Where-Object Name -eq 'pester-rm-second'

        $after = $second | Remove-RedisPrivateEndpoint -RemoveDnsZoneLink -PassThru -Confirm:$false -WarningAction SilentlyContinue

        $after.PrivateEndpoints.Name | Should -Be @('pester-rm-pe')
        (Invoke-EmulatorArm $Emulator $second.Id -ApiVersion $ArmApiVersion.Network).Status | Should -Be 404
        $links = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-rm/providers/Microsoft.Network/privateDnsZones/$Zone/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
        @($links.Body.value.properties.virtualNetwork.id | ForEach-Object { ($_ -split '/')[-1] }) | Should -Be @('vnet-61')
    }

    It 'refuses to remove the last approved endpoint of a private cache, before any write' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $failure = { Remove-RedisPrivateEndpoint -Name pester-rm-pe -ResourceGroupName rg-rm -Confirm:$false } |
            Should -Throw -ErrorId "LastPrivateEndpoint,$CommandType" -PassThru
        $failure.Exception.Message | Should -Match 'Force'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'writes nothing with -WhatIf' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        Remove-RedisPrivateEndpoint -Name pester-rm-pe -ResourceGroupName rg-rm -Force -WhatIf
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'removes it with -Force, taking the A record with it' {
        Remove-RedisPrivateEndpoint -Name pester-rm-pe -ResourceGroupName rg-rm -Force -Confirm:$false

        (Get-RedisPrivateCache -ResourceGroupName rg-rm -Name pester-rm).PrivateEndpointCount | Should -Be 0
        (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-rm/providers/Microsoft.Network/privateDnsZones/$Zone/A/pester-rm" -ApiVersion $ArmApiVersion.PrivateDns).Status |
            Should -Be 404
    }

    It 'keeps the last endpoint of a closed Managed Redis cache unless -Force' {
        $managed = New-RedisPrivateCache -Name pester-rm-amr -ResourceGroupName rg-rm -Location eastus -Sku Balanced_B1 `
            -SubnetId $Cache.PrivateEndpoints[0].SubnetId -PrivateEndpointName pester-rm-amr-pe -Confirm:$false

        { Remove-RedisPrivateEndpoint -ResourceGroupName rg-rm -Name pester-rm-amr-pe -Confirm:$false } | Should -Throw -ErrorId "LastPrivateEndpoint,$CommandType"
        (Invoke-EmulatorArm $Emulator $managed.PrivateEndpoints[0].Id -ApiVersion $ArmApiVersion.Network).Status | Should -Be 200

        $after = Remove-RedisPrivateEndpoint -ResourceGroupName rg-rm -Name pester-rm-amr-pe -Force -PassThru -Confirm:$false -WarningAction SilentlyContinue
        $after.Kind | Should -Be 'ManagedRedis'
        $after.PrivateEndpointCount | Should -Be 0
        (Invoke-EmulatorArm $Emulator $managed.PrivateEndpoints[0].Id -ApiVersion $ArmApiVersion.Network).Status | Should -Be 404
    }
}
