# -Tag goes on every resource the module creates, because "require a tag" policies refuse an untagged create; what
# exists already keeps its own tags.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:Zone = "/subscriptions/$Sub/resourceGroups/rg-tag/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net"

    function script:Get-ArmTags([string] $Path, [string] $ApiVersion) {
        $tags = (Invoke-EmulatorArm $Emulator $Path -ApiVersion $ApiVersion).Body.tags
        if ($tags) { $tags.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } }
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe '-Tag' {
    It 'New-RedisPrivateCache tags the resource group, network, zone, zone link, cache and endpoint it creates' {
        $null = New-RedisPrivateCache -Name tag-cache -ResourceGroupName rg-tag -Location eastus -Sku Basic -Size C0 -Tag @{ costCenter = '4711' } `
            -VirtualNetworkName vnet-tag -AddressPrefix 10.97.0.0/16 -SubnetName endpoints -SubnetPrefix 10.97.1.0/24 -Confirm:$false

        $group = "/subscriptions/$Sub/resourceGroups/rg-tag"
        Get-ArmTags $group $ArmApiVersion.ResourceGroups | Should -Be 'costCenter=4711'
        Get-ArmTags "$group/providers/Microsoft.Network/virtualNetworks/vnet-tag" $ArmApiVersion.Network | Should -Be 'costCenter=4711'
        Get-ArmTags $Zone $ArmApiVersion.PrivateDns | Should -Be 'costCenter=4711'
        $links = (Invoke-EmulatorArm $Emulator "$Zone/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns).Body.value
        @($links).Count | Should -Be 1
        Get-ArmTags "$Zone/virtualNetworkLinks/$($links[0].name)" $ArmApiVersion.PrivateDns | Should -Be 'costCenter=4711'
        Get-ArmTags "$group/providers/Microsoft.Cache/redis/tag-cache" $ArmApiVersion.Redis | Should -Be 'costCenter=4711'
        Get-ArmTags "$group/providers/Microsoft.Network/privateEndpoints/tag-cache-pe" $ArmApiVersion.Network | Should -Be 'costCenter=4711'
    }

    It 'Add-RedisPrivateEndpoint tags the group, network and zone link it creates, and leaves the existing zone as it is' {
        $null = Get-RedisPrivateCache -ResourceGroupName rg-tag -Name tag-cache |
            Add-RedisPrivateEndpoint -VirtualNetworkName vnet-tag2 -VirtualNetworkResourceGroupName rg-tag-net -AddressPrefix 10.98.0.0/16 `
                -SubnetName endpoints -SubnetPrefix 10.98.1.0/24 -Location eastus -Tag @{ team = 'reporting' } -Confirm:$false

        $network = "/subscriptions/$Sub/resourceGroups/rg-tag-net"
        Get-ArmTags $network $ArmApiVersion.ResourceGroups | Should -Be 'team=reporting'
        Get-ArmTags "$network/providers/Microsoft.Network/virtualNetworks/vnet-tag2" $ArmApiVersion.Network | Should -Be 'team=reporting'
        $link = (Invoke-EmulatorArm $Emulator "$Zone/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns).Body.value |
            Where-Object { $_.properties.virtualNetwork.id -like '*/vnet-tag2' }
        Get-ArmTags "$Zone/virtualNetworkLinks/$($link.name)" $ArmApiVersion.PrivateDns | Should -Be 'team=reporting'
        Get-ArmTags $Zone $ArmApiVersion.PrivateDns | Should -Be 'costCenter=4711'
    }
}
