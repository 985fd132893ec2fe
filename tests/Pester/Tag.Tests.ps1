# -Tag goes on every resource the module creates, because "require a tag" policies refuse an untagged create; what
# exists already keeps its own tags.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:Emulator = Start-TestEmulator
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
    $script:Sub = $Emulator.SubscriptionId
    $script:Zone = "/subscriptions/$Sub/resourceGroups/rg-tag/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net"

    function script:Get-ArmTags([string] $Path, [string] $ApiVersion) {
        $tags = (Invoke-EmulatorArm $Emulator $Path -ApiVersion $ApiVersion).Body.tags
        if ($tags) { $tags.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } }
    }
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
}

Describe '-Tag' {
    It 'New-RedisPrivateCache tags the resource group, network, zone, zone link, cache and endpoint it creates' {
        $null = New-RedisPrivateCache -Name tag-cache -ResourceGroupName rg-tag -Location eastus -Sku Basic -Size C0 -Tag @{ costCenter = '4711' } `
            -VirtualNetworkName vnet-tag -AddressPrefix 10.97.0.0/16 -SubnetName endpoints -SubnetPrefix 10.97.1.0/24 -Confirm:$false

        $group = "/subscriptions/$Sub/resourceGroups/rg-tag"
        Get-ArmTags $group 2021-04-01 | Should -Be 'costCenter=4711'
        Get-ArmTags "$group/providers/Microsoft.Network/virtualNetworks/vnet-tag" 2024-05-01 | Should -Be 'costCenter=4711'
        Get-ArmTags $Zone 2024-06-01 | Should -Be 'costCenter=4711'
        $links = (Invoke-EmulatorArm $Emulator "$Zone/virtualNetworkLinks" -ApiVersion 2024-06-01).Body.value
        @($links).Count | Should -Be 1
        Get-ArmTags "$Zone/virtualNetworkLinks/$($links[0].name)" 2024-06-01 | Should -Be 'costCenter=4711'
        Get-ArmTags "$group/providers/Microsoft.Cache/redis/tag-cache" 2024-11-01 | Should -Be 'costCenter=4711'
        Get-ArmTags "$group/providers/Microsoft.Network/privateEndpoints/tag-cache-pe" 2024-05-01 | Should -Be 'costCenter=4711'
    }

    It 'Add-RedisPrivateEndpoint tags the group, network and zone link it creates, and leaves the existing zone as it is' {
        $null = Get-RedisPrivateCache -ResourceGroupName rg-tag -Name tag-cache |
            Add-RedisPrivateEndpoint -VirtualNetworkName vnet-tag2 -VirtualNetworkResourceGroupName rg-tag-net -AddressPrefix 10.98.0.0/16 `
                -SubnetName endpoints -SubnetPrefix 10.98.1.0/24 -Location eastus -Tag @{ team = 'reporting' } -Confirm:$false

        $network = "/subscriptions/$Sub/resourceGroups/rg-tag-net"
        Get-ArmTags $network 2021-04-01 | Should -Be 'team=reporting'
        Get-ArmTags "$network/providers/Microsoft.Network/virtualNetworks/vnet-tag2" 2024-05-01 | Should -Be 'team=reporting'
        $link = (Invoke-EmulatorArm $Emulator "$Zone/virtualNetworkLinks" -ApiVersion 2024-06-01).Body.value |
            Where-Object { $_.properties.virtualNetwork.id -like '*/vnet-tag2' }
        Get-ArmTags "$Zone/virtualNetworkLinks/$($link.name)" 2024-06-01 | Should -Be 'team=reporting'
        Get-ArmTags $Zone 2024-06-01 | Should -Be 'costCenter=4711'
    }
}
