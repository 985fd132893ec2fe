# Az objects pipe into the cmdlets by property name. The objects here carry the type names and properties that
# Get-AzRedisCache, Get-AzVirtualNetworkSubnetConfig and Get-AzPrivateEndpoint write (Az itself is not installed here).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:Group = "/subscriptions/$Sub/resourceGroups/rg-az"

    $null = Invoke-EmulatorArm $Emulator $Group -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
    $vnetPath = "$Group/providers/Microsoft.Network/virtualNetworks/vnet-az"
    $null = Invoke-EmulatorArm $Emulator $vnetPath -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
        location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.71.0.0/16') }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = '10.71.1.0/24' } }) }
    }
    Wait-EmulatorProvisioned $Emulator $vnetPath -ApiVersion $ArmApiVersion.Network
    $cachePath = "$Group/providers/Microsoft.Cache/redis/pester-az-existing"
    $null = Invoke-EmulatorArm $Emulator $cachePath -ApiVersion $ArmApiVersion.Redis -Method PUT -Body @{
        location = 'eastus'; properties = @{ sku = @{ name = 'Standard'; family = 'C'; capacity = 1 }; minimumTlsVersion = '1.2' }
    }
    Wait-EmulatorProvisioned $Emulator $cachePath -ApiVersion $ArmApiVersion.Redis

    # As Get-AzVirtualNetwork -Name vnet-az -ResourceGroupName rg-az | Get-AzVirtualNetworkSubnetConfig -Name endpoints writes it.
    $script:AzSubnet = [pscustomobject]@{
        PSTypeName = 'Microsoft.Azure.Commands.Network.Models.PSSubnet'
        Id = "$vnetPath/subnets/endpoints"; Name = 'endpoints'; Etag = 'W/"00000000-0000-0000-0000-000000000001"'
        AddressPrefix = [System.Collections.Generic.List[string]]@('10.71.1.0/24'); ProvisioningState = 'Succeeded'
        PrivateEndpointNetworkPolicies = 'Disabled'; PrivateLinkServiceNetworkPolicies = 'Enabled'
    }
    # As Get-AzRedisCache -ResourceGroupName rg-az -Name pester-az-existing writes it (ARM's casing of the type in Id).
    $script:AzCache = [pscustomobject]@{
        PSTypeName = 'Microsoft.Azure.Commands.RedisCache.Models.PSRedisCache'
        Id = "$Group/providers/Microsoft.Cache/Redis/pester-az-existing"; Name = 'pester-az-existing'; Type = 'Microsoft.Cache/Redis'
        Location = 'East US'; ResourceGroupName = 'rg-az'; HostName = 'pester-az-existing.redis.cache.windows.net'; Port = 6379; SslPort = 6380
        ProvisioningState = 'succeeded'; Sku = 'Standard'; Size = '1GB'; EnableNonSslPort = $false; MinimumTlsVersion = '1.2'; PublicNetworkAccess = 'Enabled'
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Az objects in the pipeline' {
    It 'a subnet from Get-AzVirtualNetworkSubnetConfig becomes New-RedisPrivateCache''s endpoint subnet' {
        $cache = $AzSubnet | New-RedisPrivateCache -Name pester-az-new -ResourceGroupName rg-az -Location eastus -Confirm:$false

        $cache.PrivateEndpoints.Count | Should -Be 1
        $cache.PrivateEndpoints[0].SubnetId | Should -Be $AzSubnet.Id
        $cache.PrivateEndpoints[0].PrivateIpAddress | Should -Match '^10\.71\.1\.\d+$'
    }

    It 'a cache from Get-AzRedisCache pipes into Get-RedisPrivateCache, Add-RedisPrivateEndpoint and Get-RedisPrivateEndpoint' {
        ($AzCache | Get-RedisPrivateCache).Name | Should -Be 'pester-az-existing'

        $added = $AzCache | Add-RedisPrivateEndpoint -SubnetId $AzSubnet.Id -Confirm:$false -WarningAction SilentlyContinue
        $added | Add-RedisPrivateEndpoint -Name pester-az-existing-second -VirtualNetworkName vnet-az2 -AddressPrefix 10.72.0.0/16 `
            -SubnetName endpoints -SubnetPrefix 10.72.1.0/24 -Confirm:$false -WarningAction SilentlyContinue | Out-Null

        @($AzCache | Get-RedisPrivateEndpoint).Name | Sort-Object | Should -Be @('pester-az-existing-pe-vnet-az', 'pester-az-existing-second')
    }

    It 'a cache from Get-AzRedisCache pipes into Set-RedisPublicNetworkAccess' {
        $cache = $AzCache | Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Confirm:$false

        $cache.PublicNetworkAccess | Should -Be 'Disabled'
        (Invoke-EmulatorArm $Emulator "$Group/providers/Microsoft.Cache/redis/pester-az-existing" -ApiVersion $ArmApiVersion.Redis).Body.properties.publicNetworkAccess |
            Should -Be 'Disabled'
    }

    It 'an endpoint from Get-AzPrivateEndpoint pipes into Remove-RedisPrivateEndpoint' {
        $endpointPath = "$Group/providers/Microsoft.Network/privateEndpoints/pester-az-existing-second"
        $arm = (Invoke-EmulatorArm $Emulator $endpointPath -ApiVersion $ArmApiVersion.Network).Body
        # As Get-AzPrivateEndpoint -ResourceGroupName rg-az -Name pester-az-existing-second writes it.
        $azEndpoint = [pscustomobject]@{
            PSTypeName = 'Microsoft.Azure.Commands.Network.Models.PSPrivateEndpoint'
            Id = $arm.id; Name = $arm.name; ResourceGroupName = 'rg-az'; Location = 'eastus'; ProvisioningState = 'Succeeded'
            Subnet = [pscustomobject]@{ Id = $arm.properties.subnet.id }
        }

        $azEndpoint | Remove-RedisPrivateEndpoint -Confirm:$false -WarningAction SilentlyContinue

        (Invoke-EmulatorArm $Emulator $endpointPath -ApiVersion $ArmApiVersion.Network).Status | Should -Be 404
        @($AzCache | Get-RedisPrivateEndpoint).Name | Should -Be @('pester-az-existing-pe-vnet-az')
    }
}
