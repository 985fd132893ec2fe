BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:CommandType = 'RedisPrivateLink.Commands.NewRedisPrivateCacheCommand'
    $script:Zone = 'privatelink.redis.cache.windows.net'

    function script:New-TestCache([string] $Name, [string] $Group, [string] $Octet, [hashtable] $Extra = @{}) {
        New-RedisPrivateCache -Name $Name -ResourceGroupName $Group -Location eastus -VirtualNetworkName "vnet-$Octet" `
            -AddressPrefix "10.$Octet.0.0/16" -SubnetName endpoints -SubnetPrefix "10.$Octet.1.0/24" -Confirm:$false @Extra
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'New-RedisPrivateCache' {
    Context 'with a new virtual network' {
        BeforeAll {
            $script:Cache = New-TestCache -Name 'pester-new1' -Group 'rg-new1' -Octet 11
        }

        It 'writes the cache with safe defaults and one approved endpoint' {
            $Cache.GetType().FullName | Should -Be 'RedisPrivateLink.Engine.Caches.RedisPrivateCache'
            $Cache.Name | Should -Be 'pester-new1'
            $Cache.ResourceGroupName | Should -Be 'rg-new1'
            $Cache.SubscriptionId | Should -Be $Sub
            $Cache.ProvisioningState | Should -Be 'Succeeded'
            $Cache.PublicNetworkAccess | Should -Be 'Disabled'
            $Cache.MinimumTlsVersion | Should -Be '1.2'
            $Cache.EnableNonSslPort | Should -BeFalse
            $Cache.HostName | Should -Be 'pester-new1.redis.cache.windows.net'
            $Cache.SslPort | Should -Be 6380
            $Cache.PrivateEndpoints.Count | Should -Be 1
            $Cache.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
            $Cache.PrivateEndpoints[0].PrivateIpAddress | Should -Match '^10\.11\.1\.\d+$'
            $Cache.PrivateIpAddresses | Should -Be @($Cache.PrivateEndpoints[0].PrivateIpAddress)
        }

        It 'leaves the ARM state the procedure asks for' {
            $ip = $Cache.PrivateEndpoints[0].PrivateIpAddress
            $subnet = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-new1/providers/Microsoft.Network/virtualNetworks/vnet-11/subnets/endpoints" -ApiVersion $ArmApiVersion.Network
            $subnet.Body.properties.privateEndpointNetworkPolicies | Should -Be 'Disabled'

            $zoneState = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-new1/providers/Microsoft.Network/privateDnsZones/$Zone" -ApiVersion $ArmApiVersion.PrivateDns
            $zoneState.Status | Should -Be 200
            $zoneState.Body.location | Should -Be 'global'

            $links = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-new1/providers/Microsoft.Network/privateDnsZones/$Zone/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
            $links.Status | Should -Be 200
            @($links.Body.value).Count | Should -Be 1
            $links.Body.value[0].properties.virtualNetwork.id | Should -BeLike '*/virtualNetworks/vnet-11'

            $record = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-new1/providers/Microsoft.Network/privateDnsZones/$Zone/A/pester-new1" -ApiVersion $ArmApiVersion.PrivateDns
            $record.Body.properties.aRecords.ipv4Address | Should -Be @($ip)

            $endpoint = Invoke-EmulatorArm $Emulator $Cache.PrivateEndpoints[0].Id -ApiVersion $ArmApiVersion.Network
            $endpoint.Body.properties.privateLinkServiceConnections[0].properties.groupIds | Should -Be @('redisCache')
            $endpoint.Body.properties.privateLinkServiceConnections[0].properties.privateLinkServiceId | Should -Be $Cache.Id
        }

        It 'reports the endpoint DNS record' {
            $record = $Cache.PrivateEndpoints[0].DnsRecords | Select-Object -First 1
            $record.Fqdn | Should -Be "pester-new1.$Zone"
            $record.IpAddresses | Should -Be @($Cache.PrivateEndpoints[0].PrivateIpAddress)
        }

        It 'converges on a re-run: nothing is written and nothing duplicated' {
            $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

            $again = New-TestCache -Name 'pester-new1' -Group 'rg-new1' -Octet 11

            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
            $again.PrivateEndpoints.Id | Should -Be $Cache.PrivateEndpoints.Id
        }
    }

    It 'writes nothing with -WhatIf and names every step' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        $lines = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $Emulator.ConnectionFile -Script {
            param($module, $connectionFile)
            $ErrorActionPreference = 'Stop'
            Import-Module $module
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
            New-RedisPrivateCache -Name pester-whatif -ResourceGroupName rg-whatif -Location eastus -VirtualNetworkName vnet-12 `
                -AddressPrefix 10.12.0.0/16 -SubnetName endpoints -SubnetPrefix 10.12.1.0/24 -WhatIf
        }

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        $whatIf = @($lines | Where-Object { $_ -like 'What if:*' })
        $whatIf.Count | Should -BeGreaterOrEqual 6
        ($whatIf -join "`n") | Should -Match "resource group 'rg-whatif'"
        ($whatIf -join "`n") | Should -Match 'vnet-12'
        ($whatIf -join "`n") | Should -Match 'pester-whatif'
        ($whatIf -join "`n") | Should -Match $Zone.Replace('.', '\.')
    }

    Context 'refuses bad input before any write' {
        BeforeEach {
            $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        }

        It '<Case> with <ErrorId>' -ForEach @(
            @{ Case = 'a cache name with consecutive hyphens'; ErrorId = 'InvalidCacheName'; Arguments = @{ Name = 'bad--name' } }
            @{ Case = 'a subnet outside the address space'; ErrorId = 'SubnetOutsideAddressSpace'; Arguments = @{ SubnetPrefix = '10.99.1.0/24' } }
            @{ Case = 'a malformed address prefix'; ErrorId = 'InvalidAddressPrefix'; Arguments = @{ AddressPrefix = '10.13.0.0/33' } }
            @{ Case = 'a shard count on Standard'; ErrorId = 'PremiumFeatureRequiresPremiumSku'; Arguments = @{ ShardCount = 2 } }
            @{ Case = 'a Premium size on Standard'; ErrorId = 'InvalidCacheSize'; Arguments = @{ Size = 'P1' } }
        ) {
            $parameters = @{
                Name = 'pester-bad'; ResourceGroupName = 'rg-bad'; Location = 'eastus'; VirtualNetworkName = 'vnet-13'
                AddressPrefix = '10.13.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.13.1.0/24'; Confirm = $false
            }
            foreach ($key in $Arguments.Keys) { $parameters[$key] = $Arguments[$key] }

            { New-RedisPrivateCache @parameters } | Should -Throw -ErrorId "$ErrorId,$CommandType"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }

        It 'a name another cache already holds, with CacheNameNotAvailable' {
            $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-elsewhere" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
            $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-elsewhere/providers/Microsoft.Cache/redis/pester-taken" -ApiVersion $ArmApiVersion.Redis -Method PUT `
                -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 } } }
            $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

            { New-TestCache -Name 'pester-taken' -Group 'rg-mine' -Octet 14 } | Should -Throw -ErrorId "CacheNameNotAvailable,$CommandType"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }

        It 'a cache without any network, with a parameter binding error' {
            { New-RedisPrivateCache -Name pester-nonet -ResourceGroupName rg-bad -Location eastus -Confirm:$false } |
                Should -Throw -ErrorId "MissingMandatoryParameter,$CommandType"
        }
    }

    Context 'private endpoint network policies' {
        It '<Command> offers -PrivateEndpointNetworkPolicy with the four values Azure takes' -ForEach @(
            @{ Command = 'New-RedisPrivateCache' }
            @{ Command = 'Add-RedisPrivateEndpoint' }
            @{ Command = 'Convert-VNetCacheToPrivateEndpoint' }
        ) {
            $parameter = (Get-Command $Command).Parameters['PrivateEndpointNetworkPolicy']
            $parameter | Should -Not -BeNullOrEmpty
            $values = ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues
            @($values | Sort-Object) | Should -Be @('Disabled', 'Enabled', 'NetworkSecurityGroupEnabled', 'RouteTableEnabled')
            (Get-Help $Command -Parameter PrivateEndpointNetworkPolicy).description.Text | Should -Match "Azure's default"
        }

        It 'creates the subnet with the policies asked for, and the endpoint in it' {
            $cache = New-TestCache -Name 'pester-policies' -Group 'rg-policies' -Octet 16 -Extra @{ PrivateEndpointNetworkPolicy = 'Enabled' }

            $cache.PrivateEndpoints[0].PrivateIpAddress | Should -Match '^10\.16\.1\.\d+$'
            $subnet = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-policies/providers/Microsoft.Network/virtualNetworks/vnet-16/subnets/endpoints" -ApiVersion $ArmApiVersion.Network
            $subnet.Body.properties.privateEndpointNetworkPolicies | Should -Be 'Enabled'
        }

        It 'uses an existing subnet with policies Enabled as it is: no write to its network' {
            $vnetPath = "/subscriptions/$Sub/resourceGroups/rg-policies/providers/Microsoft.Network/virtualNetworks/vnet-17"
            $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-policies" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
            $null = Invoke-EmulatorArm $Emulator $vnetPath -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
                location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.17.0.0/16') }; subnets = @(@{ name = 'apps'; properties = @{ addressPrefix = '10.17.1.0/24'; privateEndpointNetworkPolicies = 'Enabled' } }) }
            }
            Wait-EmulatorProvisioned $Emulator $vnetPath -ApiVersion $ArmApiVersion.Network
            $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

            $cache = New-RedisPrivateCache -Name 'pester-policies-existing' -ResourceGroupName rg-policies -Location eastus -SubnetId "$vnetPath/subnets/apps" -Confirm:$false

            $cache.PrivateEndpoints[0].PrivateIpAddress | Should -Be '10.17.1.4'
            @(Get-EmulatorWrite $Emulator | Where-Object path -like '*/virtualNetworks/*') | Should -BeNullOrEmpty
            $subnet = Invoke-EmulatorArm $Emulator "$vnetPath/subnets/apps" -ApiVersion $ArmApiVersion.Network
            $subnet.Body.properties.privateEndpointNetworkPolicies | Should -Be 'Enabled'
        }
    }

    It 'stops at a failed step, saying a re-run continues, and a re-run converges' {
        $fault = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method POST -Body @{ method = 'PUT'; pathPattern = '*/privateEndpoints/pester-fault-pe'; kind = 'lroFailed' }

        $failure = { New-TestCache -Name 'pester-fault' -Group 'rg-fault' -Octet 15 } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'again'

        $cache = New-TestCache -Name 'pester-fault' -Group 'rg-fault' -Octet 15
        $cache.PrivateEndpoints.Count | Should -Be 1
        $cache.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        $endpoints = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-fault/providers/Microsoft.Network/privateEndpoints" -ApiVersion $ArmApiVersion.Network
        @($endpoints.Body.value).Count | Should -Be 1
    }

    Context 'hub and spoke, and the zone link resolution policy' {
        It '<Command> offers -ResolutionPolicy Default or NxDomainRedirect, described in its help' -ForEach @(
            @{ Command = 'New-RedisPrivateCache' }
            @{ Command = 'Add-RedisPrivateEndpoint' }
            @{ Command = 'Convert-VNetCacheToPrivateEndpoint' }
        ) {
            $parameter = (Get-Command $Command).Parameters['ResolutionPolicy']
            $parameter | Should -Not -BeNullOrEmpty
            $values = ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues
            @($values | Sort-Object) | Should -Be @('Default', 'NxDomainRedirect')
            ((Get-Help $Command -Parameter ResolutionPolicy).description.Text -join ' ') | Should -Match 'NXDOMAIN'
        }

        It 'warns, naming -ResolutionPolicy, when it creates a zone link without NxDomainRedirect' {
            $warnings = New-TestCache -Name 'pester-nxdefault' -Group 'rg-nxdefault' -Octet 18 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }

            ($warnings -join "`n") | Should -Match 'NXDOMAIN.*-ResolutionPolicy NxDomainRedirect'
            $link = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-nxdefault/providers/Microsoft.Network/privateDnsZones/$Zone/virtualNetworkLinks/vnet-18-link" -ApiVersion $ArmApiVersion.PrivateDns
            $link.Body.properties.resolutionPolicy | Should -Be 'Default'
        }

        It 'sends -ResolutionPolicy NxDomainRedirect on the link it creates, without the warning' {
            $warnings = New-TestCache -Name 'pester-nxredirect' -Group 'rg-nxredirect' -Octet 19 -Extra @{ ResolutionPolicy = 'NxDomainRedirect' } 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }

            ($warnings -join "`n") | Should -Not -Match 'NXDOMAIN'
            $link = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-nxredirect/providers/Microsoft.Network/privateDnsZones/$Zone/virtualNetworkLinks/vnet-19-link" -ApiVersion $ArmApiVersion.PrivateDns
            $link.Body.properties.resolutionPolicy | Should -Be 'NxDomainRedirect'
        }

        It 'registers the cache in the hub zone a spoke VNet is already linked to: no zone, no link written' {
            $vnetPath = "/subscriptions/$Sub/resourceGroups/rg-spoke20/providers/Microsoft.Network/virtualNetworks/vnet-20"
            $hubZonePath = "/subscriptions/$Sub/resourceGroups/rg-hub20/providers/Microsoft.Network/privateDnsZones/$Zone"
            foreach ($group in 'rg-spoke20', 'rg-hub20') {
                $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
            }
            $null = Invoke-EmulatorArm $Emulator $vnetPath -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
                location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.20.0.0/16') }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = '10.20.1.0/24' } }) }
            }
            $null = Invoke-EmulatorArm $Emulator $hubZonePath -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{ location = 'global' }
            Wait-EmulatorProvisioned $Emulator $vnetPath -ApiVersion $ArmApiVersion.Network
            Wait-EmulatorProvisioned $Emulator $hubZonePath -ApiVersion $ArmApiVersion.PrivateDns
            $null = Invoke-EmulatorArm $Emulator "$hubZonePath/virtualNetworkLinks/hub-link" -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{ location = 'global'; properties = @{ virtualNetwork = @{ id = $vnetPath }; registrationEnabled = $false } }
            Wait-EmulatorProvisioned $Emulator "$hubZonePath/virtualNetworkLinks/hub-link" -ApiVersion $ArmApiVersion.PrivateDns
            $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

            $cache = New-RedisPrivateCache -Name 'pester-hub' -ResourceGroupName rg-spoke20 -Location eastus -SubnetId "$vnetPath/subnets/endpoints" -Confirm:$false -WarningVariable warnings

            @(Get-EmulatorWrite $Emulator | Where-Object path -like '*/privateDnsZones/*' | Where-Object path -notlike '*/A/*') | Should -BeNullOrEmpty
            ($warnings -join "`n") | Should -Not -Match 'NXDOMAIN'
            $record = Invoke-EmulatorArm $Emulator "$hubZonePath/A/pester-hub" -ApiVersion $ArmApiVersion.PrivateDns
            $record.Body.properties.aRecords.ipv4Address | Should -Be @($cache.PrivateEndpoints[0].PrivateIpAddress)
            (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-spoke20/providers/Microsoft.Network/privateDnsZones/$Zone" -ApiVersion $ArmApiVersion.PrivateDns).Status | Should -Be 404
        }
    }

    Context 'for Azure Managed Redis' {
        BeforeAll {
            $script:Managed = New-TestCache -Name 'pester-amr1' -Group 'rg-amr1' -Octet 61 -Extra @{ Sku = 'Balanced_B5'; ClusteringPolicy = 'EnterpriseCluster'; Module = 'RedisJSON'; Persistence = 'RdbEvery6h' }
        }

        It 'writes a Managed Redis cache that says its kind, port and SKU' {
            $Managed.Kind | Should -Be 'ManagedRedis'
            $Managed.Port | Should -Be 10000
            $Managed.Sku | Should -Be 'Balanced_B5'
            $Managed.HostName | Should -Be 'pester-amr1.eastus.redis.azure.net'
            $Managed.HighAvailability | Should -Be 'Enabled'
            $Managed.PublicNetworkAccess | Should -Be 'Disabled'
            $Managed.Id | Should -BeLike '*/providers/Microsoft.Cache/redisEnterprise/pester-amr1'
            $Managed.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
            $Managed.PrivateIpAddresses | Should -Be @($Managed.PrivateEndpoints[0].PrivateIpAddress)
        }

        It 'leaves the cluster, its database and the <name>.<region> record in ARM' {
            $base = "/subscriptions/$Sub/resourceGroups/rg-amr1/providers"
            $cluster = Invoke-EmulatorArm $Emulator "$base/Microsoft.Cache/redisEnterprise/pester-amr1" -ApiVersion $ArmApiVersion.RedisEnterprise
            $cluster.Body.properties.minimumTlsVersion | Should -Be '1.2'
            $database = Invoke-EmulatorArm $Emulator "$base/Microsoft.Cache/redisEnterprise/pester-amr1/databases/default" -ApiVersion $ArmApiVersion.RedisEnterprise
            $database.Body.properties.port | Should -Be 10000
            $database.Body.properties.clusteringPolicy | Should -Be 'EnterpriseCluster'
            $database.Body.properties.modules.name | Should -Be @('RedisJSON')
            $database.Body.properties.accessKeysAuthentication | Should -Be 'Disabled'
            $database.Body.properties.persistence.rdbEnabled | Should -BeTrue
            $database.Body.properties.persistence.rdbFrequency | Should -Be '6h'
            $record = Invoke-EmulatorArm $Emulator "$base/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net/A/pester-amr1.eastus" -ApiVersion $ArmApiVersion.PrivateDns
            $record.Body.properties.aRecords.ipv4Address | Should -Be @($Managed.PrivateEndpoints[0].PrivateIpAddress)
        }

        It 'asks for Balanced_B1 with -Kind ManagedRedis and no -Sku, naming the cluster, database and zone under -WhatIf' {
            $lines = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $Emulator.ConnectionFile -Script {
                param($module, $connectionFile)
                $ErrorActionPreference = 'Stop'
                Import-Module $module
                $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
                New-RedisPrivateCache -Name pester-amr2 -ResourceGroupName rg-amr2 -Location eastus -Kind ManagedRedis -VirtualNetworkName vnet-62 `
                    -AddressPrefix 10.62.0.0/16 -SubnetName endpoints -SubnetPrefix 10.62.1.0/24 -WhatIf
            }

            $whatIf = @($lines | Where-Object { $_ -like 'What if:*' }) -join "`n"
            $whatIf | Should -Match "Create Managed Redis cache 'pester-amr2' \(Azure Managed Redis Balanced_B1, high availability Enabled, public network access Disabled, TLS 1\.2"
            $whatIf | Should -Match "database 'default' on port 10000"
            $whatIf | Should -Match "private DNS zone 'privatelink\.redis\.azure\.net'"
            (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-amr2/providers/Microsoft.Cache/redisEnterprise/pester-amr2" -ApiVersion $ArmApiVersion.RedisEnterprise).Status | Should -Be 404
        }

        It 'refuses <Case> with <ErrorId> before any write' -ForEach @(
            @{ Case = 'a classic -Sku with -Kind ManagedRedis'; Extra = @{ Kind = 'ManagedRedis'; Sku = 'Premium'; Size = 'P1' }; ErrorId = 'CacheKindMismatch' }
            @{ Case = 'a Managed Redis -Sku with -Kind Classic'; Extra = @{ Kind = 'Classic'; Sku = 'Balanced_B5' }; ErrorId = 'CacheKindMismatch' }
            @{ Case = '-Size with a Managed Redis SKU'; Extra = @{ Sku = 'Balanced_B5'; Size = 'C1' }; ErrorId = 'ClassicOnlyFeature' }
            @{ Case = '-Zone with a Managed Redis SKU'; Extra = @{ Sku = 'Balanced_B5'; Zone = '1' }; ErrorId = 'ClassicOnlyFeature' }
            @{ Case = '-ClusteringPolicy on a classic cache'; Extra = @{ Sku = 'Standard'; ClusteringPolicy = 'OSSCluster' }; ErrorId = 'ManagedRedisOnlyFeature' }
            @{ Case = '-Persistence on a classic cache'; Extra = @{ Sku = 'Premium'; Size = 'P1'; Persistence = 'AofAlways' }; ErrorId = 'ManagedRedisOnlyFeature' }
            @{ Case = 'an unknown SKU'; Extra = @{ Sku = 'Balanced_B2' }; ErrorId = 'ParameterArgumentValidationError' }
        ) {
            $before = @(Get-EmulatorWrite $Emulator).Count
            { New-TestCache -Name 'pester-amr-bad' -Group 'rg-amr-bad' -Octet 63 -Extra $Extra -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,$CommandType"
            @(Get-EmulatorWrite $Emulator).Count | Should -Be $before
        }
    }

    Context 'when Azure refuses new classic caches' {
        BeforeAll {
            $script:Refusing = Start-TestEmulator -ExtraArgument '--refuse-classic-create'
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Refusing.ConnectionFile
        }

        AfterAll {
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
            Stop-TestEmulator $Refusing
        }

        It 'stops with ClassicCacheCreationBlocked naming the Managed Redis SKU, and the Managed Redis re-run converges' {
            $network = @{ VirtualNetworkName = 'vnet-64'; AddressPrefix = '10.64.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.64.1.0/24' }
            $failure = $null
            try {
                New-RedisPrivateCache -Name pester-retired -ResourceGroupName rg-retired -Location eastus -Sku Premium -Size P1 @network -Confirm:$false -ErrorAction Stop
            }
            catch { $failure = $_ }
            $failure.FullyQualifiedErrorId | Should -Be "ClassicCacheCreationBlocked,$CommandType"
            $failure.Exception.Message | Should -Match '-Sku Balanced_B5'

            $cache = New-RedisPrivateCache -Name pester-retired -ResourceGroupName rg-retired -Location eastus -Sku Balanced_B5 @network -Confirm:$false
            $cache.Kind | Should -Be 'ManagedRedis'
            $cache.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        }
    }

    Context 'on a subscription not registered for Microsoft.Cache' {
        BeforeAll {
            $script:Unregistered = Start-TestEmulator -ExtraArgument '--unregistered-provider', 'Microsoft.Cache'
            $script:UnregisteredSub = $Unregistered.SubscriptionId
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Unregistered.ConnectionFile
            $script:Network = @{ VirtualNetworkName = 'vnet-65'; AddressPrefix = '10.65.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.65.1.0/24' }
        }

        AfterAll {
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
            Stop-TestEmulator $Unregistered
        }

        It 'shows the registration under -WhatIf and writes nothing' {
            $lines = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $Unregistered.ConnectionFile -Script {
                param($module, $connectionFile)
                $ErrorActionPreference = 'Stop'
                Import-Module $module
                $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
                New-RedisPrivateCache -Name pester-unreg -ResourceGroupName rg-unreg -Location eastus -VirtualNetworkName vnet-65 `
                    -AddressPrefix 10.65.0.0/16 -SubnetName endpoints -SubnetPrefix 10.65.1.0/24 -WhatIf
            }

            Get-EmulatorWrite $Unregistered | Should -BeNullOrEmpty
            ($lines | Where-Object { $_ -like 'What if:*' } | Select-Object -First 1) | Should -Match "Register resource provider 'Microsoft\.Cache'"
            (Invoke-EmulatorArm $Unregistered "/subscriptions/$UnregisteredSub/providers/Microsoft.Cache" -ApiVersion $ArmApiVersion.ResourceGroups).Body.registrationState | Should -Be 'NotRegistered'
        }

        It 'registers Microsoft.Cache, says so in verbose output, and creates the cache' {
            $cache = New-RedisPrivateCache -Name pester-unreg -ResourceGroupName rg-unreg -Location eastus @Network -Confirm:$false -Verbose 4>&1 |
                Tee-Object -Variable output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

            $cache.ProvisioningState | Should -Be 'Succeeded'
            $cache.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
            @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like "Registering resource provider 'Microsoft.Cache'*" }).Count | Should -Be 1
            (Invoke-EmulatorArm $Unregistered "/subscriptions/$UnregisteredSub/providers/Microsoft.Cache" -ApiVersion $ArmApiVersion.ResourceGroups).Body.registrationState | Should -Be 'Registered'
        }
    }
}
