BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:CommandType = 'RedisPrivateLink.Commands.GetRedisPrivateCacheCommand'
    $script:Private = New-RedisPrivateCache -Name pester-get-a -ResourceGroupName rg-get1 -Location eastus -VirtualNetworkName vnet-31 `
        -AddressPrefix 10.31.0.0/16 -SubnetName endpoints -SubnetPrefix 10.31.1.0/24 -Confirm:$false
    # A cache made without the module, public and endpoint-free: what an audit should find.
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-get2" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-get2/providers/Microsoft.Cache/redis/pester-get-public" -ApiVersion $ArmApiVersion.Redis -Method PUT `
        -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Get-RedisPrivateCache' {
    It 'lists the subscription, so an audit finds public caches' {
        $all = Get-RedisPrivateCache

        @($all.Name | Sort-Object) | Should -Be @('pester-get-a', 'pester-get-public')
        (Get-RedisPrivateCache | Where-Object PublicNetworkAccess -eq Enabled).Name | Should -Be 'pester-get-public'
        ($all | Where-Object Name -eq 'pester-get-a').PrivateEndpointCount | Should -Be 1
    }

    It 'lists one resource group' {
        (Get-RedisPrivateCache -ResourceGroupName rg-get2).Name | Should -Be 'pester-get-public'
    }

    It 'matches names with wildcards' {
        @((Get-RedisPrivateCache -Name 'pester-get-*').Name | Sort-Object) | Should -Be @('pester-get-a', 'pester-get-public')
        (Get-RedisPrivateCache -Name '*-a').Name | Should -Be 'pester-get-a'
    }

    It 'gets one cache by name with its endpoint details' {
        $cache = Get-RedisPrivateCache -ResourceGroupName rg-get1 -Name pester-get-a

        $cache.Id | Should -Be $Private.Id
        $cache.PrivateEndpoints[0].PrivateIpAddress | Should -Be $Private.PrivateEndpoints[0].PrivateIpAddress
        $cache.PrivateEndpoints[0].DnsRecords[0].Fqdn | Should -Be 'pester-get-a.privatelink.redis.cache.windows.net'
    }

    It 'gets a piped cache by its Id' {
        ($Private | Get-RedisPrivateCache).Name | Should -Be 'pester-get-a'
        (Get-RedisPrivateCache -ResourceId $Private.Id).Name | Should -Be 'pester-get-a'
    }

    It 'reports a missing cache with CacheNotFound and goes on' {
        $found = Get-RedisPrivateCache -ResourceGroupName rg-get1 -Name pester-nope -ErrorVariable failures -ErrorAction SilentlyContinue

        $found | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be "CacheNotFound,$CommandType"
    }

    It 'refuses a resource id that is not a cache' {
        { Get-RedisPrivateCache -ResourceId "/subscriptions/$Sub/resourceGroups/rg-get1/providers/Microsoft.Network/virtualNetworks/vnet-31" } |
            Should -Throw -ErrorId "WrongResourceType,$CommandType"
    }

    It 'shows name, group, kind, SKU, port, state, access and endpoints in its table' {
        $table = Get-RedisPrivateCache -ResourceGroupName rg-get1 -Name pester-get-a | Format-Table | Out-String -Width 250
        $table | Should -Match 'Name\s+ResourceGroupName\s+Location\s+Kind\s+Sku\s+Port\s+ProvisioningState\s+PublicNetworkAccess\s+Endpoints\s+PrivateIpAddresses'
        $table | Should -Match 'pester-get-a\s+rg-get1\s+eastus\s+Classic\s+Standard C1\s+6380\s+Succeeded\s+Disabled\s+1\s+10\.31\.1\.\d+'
    }

    Context 'with an Azure Managed Redis cache beside the classic ones' {
        BeforeAll {
            $script:Managed = New-RedisPrivateCache -Name pester-get-amr -ResourceGroupName rg-get1 -Location eastus -Sku Balanced_B5 `
                -SubnetId $Private.PrivateEndpoints[0].SubnetId -PrivateEndpointName pester-get-amr-pe -Confirm:$false
        }

        It 'lists both kinds, each with its kind and port' {
            $fleet = Get-RedisPrivateCache -ResourceGroupName rg-get1
            @($fleet | ForEach-Object { "$($_.Name) $($_.Kind) $($_.Port)" }) | Should -Be @('pester-get-a Classic 6380', 'pester-get-amr ManagedRedis 10000')
        }

        It 'gets a Managed Redis cache by name and by id, with its <name>.<region> record' {
            (Get-RedisPrivateCache -ResourceGroupName rg-get1 -Name pester-get-amr).Id | Should -Be $Managed.Id
            $byId = Get-RedisPrivateCache -ResourceId $Managed.Id
            $byId.Kind | Should -Be 'ManagedRedis'
            $byId.PrivateEndpoints[0].DnsRecords[0].Fqdn | Should -Be 'pester-get-amr.eastus.privatelink.redis.azure.net'
        }

        It 'shows the Managed Redis SKU alone in the table, and port and high availability in the list' {
            $table = $Managed | Format-Table | Out-String -Width 250
            $table | Should -Match 'pester-get-amr\s+rg-get1\s+eastus\s+ManagedRedis\s+Balanced_B5\s+10000\s+Succeeded\s+Disabled\s+1\s+10\.31\.1\.\d+'
            $list = $Managed | Format-List | Out-String -Width 250
            $list | Should -Match 'Port\s+:\s+10000'
            $list | Should -Match 'HighAvailability\s+:\s+Enabled'
        }
    }
}
