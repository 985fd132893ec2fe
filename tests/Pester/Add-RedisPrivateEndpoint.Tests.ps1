BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:CommandType = 'RedisPrivateLink.Commands.AddRedisPrivateEndpointCommand'
    $script:Zone = 'privatelink.redis.cache.windows.net'
    $script:Cache = New-RedisPrivateCache -Name pester-add -ResourceGroupName rg-add -Location eastus -VirtualNetworkName vnet-21 `
        -AddressPrefix 10.21.0.0/16 -SubnetName endpoints -SubnetPrefix 10.21.1.0/24 -Confirm:$false
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Add-RedisPrivateEndpoint' {
    It 'adds an endpoint in another network to a piped cache, linking the zone to that network first' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $updated = Get-RedisPrivateCache -ResourceGroupName rg-add -Name pester-add |
            Add-RedisPrivateEndpoint -VirtualNetworkName vnet-22 -AddressPrefix 10.22.0.0/16 -SubnetName endpoints -SubnetPrefix 10.22.1.0/24 -Confirm:$false

        $updated.Id | Should -Be $Cache.Id
        $updated.PrivateEndpoints.Count | Should -Be 2
        $second = $updated.PrivateEndpoints | Where-Object PrivateIpAddress -like '10.22.*'
        $second.ConnectionState | Should -Be 'Approved'

        $links = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Network/privateDnsZones/$Zone/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
        @($links.Body.value.properties.virtualNetwork.id | ForEach-Object { ($_ -split '/')[-1] } | Sort-Object) | Should -Be @('vnet-21', 'vnet-22')

        $writes = Get-EmulatorWrite $Emulator
        $linkPut = [array]::FindIndex([object[]]$writes, [Predicate[object]] { param($w) $w.method -eq 'PUT' -and $w.path -like '*/virtualNetworkLinks/*' })
        $endpointPut = [array]::FindIndex([object[]]$writes, [Predicate[object]] { param($w) $w.method -eq 'PUT' -and $w.path -like '*/privateEndpoints/*' -and $w.path -notlike '*/privateDnsZoneGroups/*' })
        $linkPut | Should -BeGreaterOrEqual 0
        $endpointPut | Should -BeGreaterThan $linkPut
    }

    It 'leaves a manual-approval connection Pending' {
        $updated = Add-RedisPrivateEndpoint -CacheName pester-add -ResourceGroupName rg-add -Name pester-add-manual -VirtualNetworkName vnet-23 `
            -AddressPrefix 10.23.0.0/16 -SubnetName endpoints -SubnetPrefix 10.23.1.0/24 -ManualApproval -RequestMessage 'ticket 4711' -Confirm:$false

        $manual = $updated.PrivateEndpoints | Where-Object Name -eq 'pester-add-manual'
        $manual.ConnectionState | Should -Be 'Pending'
        $manual.IsManualConnection | Should -BeTrue
        $updated.PrivateIpAddresses | Should -Not -Contain $manual.PrivateIpAddress
    }

    It 'refuses a VNet-injected cache, naming Convert-VNetCacheToPrivateEndpoint, before any write' {
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Network/virtualNetworks/vnet-injected" -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.24.0.0/16') }; subnets = @(@{ name = 'cache'; properties = @{ addressPrefix = '10.24.1.0/24' } }) }
        }
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Cache/redis/pester-injected" -ApiVersion $ArmApiVersion.Redis -Method PUT -Body @{
            location = 'eastus'; properties = @{ sku = @{ name = 'Premium'; family = 'P'; capacity = 1 }; subnetId = "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Network/virtualNetworks/vnet-injected/subnets/cache" }
        }
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $failure = { Add-RedisPrivateEndpoint -CacheName pester-injected -ResourceGroupName rg-add -SubnetId "$($Cache.PrivateEndpoints[0].SubnetId)" -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "CacheIsVNetInjected,$CommandType" -PassThru
        $failure.Exception.Message | Should -Match 'Convert-VNetCacheToPrivateEndpoint'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'refuses a cache that does not exist with CacheNotFound' {
        { Add-RedisPrivateEndpoint -CacheName pester-missing -ResourceGroupName rg-add -SubnetId "$($Cache.PrivateEndpoints[0].SubnetId)" -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "CacheNotFound,$CommandType"
    }

    Context 'for an Azure Managed Redis cache' {
        BeforeAll {
            $script:Managed = New-RedisPrivateCache -Name pester-add-amr -ResourceGroupName rg-add -Location eastus -Sku Balanced_B3 `
                -SubnetId $Cache.PrivateEndpoints[0].SubnetId -PrivateEndpointName pester-add-amr-pe -Confirm:$false
        }

        It 'adds an endpoint by cache name, in the Managed Redis zone, under the <name>.<region> record' {
            $updated = Add-RedisPrivateEndpoint -CacheName pester-add-amr -ResourceGroupName rg-add -VirtualNetworkName vnet-25 -AddressPrefix 10.25.0.0/16 `
                -SubnetName endpoints -SubnetPrefix 10.25.1.0/24 -Confirm:$false -WarningAction SilentlyContinue

            $updated.Kind | Should -Be 'ManagedRedis'
            $updated.PrivateEndpoints.Count | Should -Be 2
            $second = $updated.PrivateEndpoints | Where-Object PrivateIpAddress -like '10.25.*'
            $second.Name | Should -Be 'pester-add-amr-pe-vnet-25'
            $second.ConnectionState | Should -Be 'Approved'
            $endpoint = Invoke-EmulatorArm $Emulator $second.Id -ApiVersion $ArmApiVersion.Network
            $endpoint.Body.properties.privateLinkServiceConnections[0].properties.groupIds | Should -Be @('redisEnterprise')
            $links = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
            @($links.Body.value.properties.virtualNetwork.id | ForEach-Object { ($_ -split '/')[-1] } | Sort-Object) | Should -Be @('vnet-21', 'vnet-25')
            $record = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net/A/pester-add-amr.eastus" -ApiVersion $ArmApiVersion.PrivateDns
            $record.Body.properties.aRecords.ipv4Address | Should -Be @($second.PrivateIpAddress)
        }

        It 'lists the endpoints of a piped Managed Redis cache' {
            @(Get-RedisPrivateEndpoint -CacheId $Managed.Id | ForEach-Object Name | Sort-Object) | Should -Be @('pester-add-amr-pe', 'pester-add-amr-pe-vnet-25')
        }
    }
}
