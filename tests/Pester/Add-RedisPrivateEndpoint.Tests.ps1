BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:Emulator = Start-TestEmulator
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
    $script:Sub = $Emulator.SubscriptionId
    $script:CommandType = 'RedisPrivateLink.Commands.AddRedisPrivateEndpointCommand'
    $script:Zone = 'privatelink.redis.cache.windows.net'
    $script:Cache = New-RedisPrivateCache -Name pester-add -ResourceGroupName rg-add -Location eastus -VirtualNetworkName vnet-21 `
        -AddressPrefix 10.21.0.0/16 -SubnetName endpoints -SubnetPrefix 10.21.1.0/24 -Confirm:$false
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
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

        $links = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Network/privateDnsZones/$Zone/virtualNetworkLinks" -ApiVersion 2024-06-01
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
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Network/virtualNetworks/vnet-injected" -ApiVersion 2024-05-01 -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.24.0.0/16') }; subnets = @(@{ name = 'cache'; properties = @{ addressPrefix = '10.24.1.0/24' } }) }
        }
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-add/providers/Microsoft.Cache/redis/pester-injected" -ApiVersion 2024-11-01 -Method PUT -Body @{
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
}
