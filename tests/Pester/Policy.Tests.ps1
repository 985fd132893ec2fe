# Azure Policy on the built module against the emulator's assignments: a deny stops a plan before any write with
# RequestDisallowedByPolicy naming the policy, and -PrivateDnsZoneGroupByPolicy leaves the DNS zone group to a
# DeployIfNotExists policy, whose zone group the command waits for and checks.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:Zone = 'privatelink.redis.cache.windows.net'
    $script:HubZoneId = "/subscriptions/$Sub/resourceGroups/rg-pol-hub/providers/Microsoft.Network/privateDnsZones/$Zone"
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-pol-hub" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
    $null = Invoke-EmulatorArm $Emulator $HubZoneId -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{ location = 'global' }
    Wait-EmulatorProvisioned $Emulator $HubZoneId -ApiVersion $ArmApiVersion.PrivateDns
    $script:Private = New-RedisPrivateCache -Name pester-pol -ResourceGroupName rg-pol -Location eastus -VirtualNetworkName vnet-61 `
        -AddressPrefix 10.61.0.0/16 -SubnetName endpoints -SubnetPrefix 10.61.1.0/24 -Confirm:$false -WarningAction SilentlyContinue

    function script:Set-Assignment([string] $Name, [hashtable] $Assignment) {
        $null = Invoke-EmulatorControl $Emulator "/_emulator/policyAssignments/$Name" -Method PUT -Body $Assignment
    }
    function script:Get-Arm([string] $Path, [string] $ApiVersion) { (Invoke-EmulatorArm $Emulator $Path -ApiVersion $ApiVersion) }
    function script:Get-EndpointAddress([string] $EndpointId) {
        (Get-Arm $EndpointId $ArmApiVersion.Network).Body.properties.customDnsConfigs[0].ipAddresses[0]
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Azure Policy' {
    BeforeEach {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/policyAssignments' -Method DELETE
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
    }

    It 'refuses Set-RedisPublicNetworkAccess Enabled before the PATCH when a deny requires Disabled, naming the policy' {
        Set-Assignment 'redis-public-off' @{
            displayName = 'Azure Cache for Redis should disable public network access'; effect = 'Deny'; resourceType = 'Microsoft.Cache/redis'
            field = 'properties.publicNetworkAccess'; notEquals = 'Disabled'
            policyDefinitionId = '/providers/Microsoft.Authorization/policyDefinitions/470baccb-7e51-4549-8b1a-3e5be069f663'
        }

        $failure = { Set-RedisPublicNetworkAccess -Name pester-pol -ResourceGroupName rg-pol -PublicNetworkAccess Enabled -Confirm:$false -WarningAction SilentlyContinue -ErrorAction Stop } |
            Should -Throw -ErrorId 'RequestDisallowedByPolicy,RedisPrivateLink.Commands.SetRedisPublicNetworkAccessCommand' -PassThru

        $failure.Exception.Message | Should -Match "policyAssignments/redis-public-off"
        $failure.Exception.Message | Should -Match '470baccb-7e51-4549-8b1a-3e5be069f663'
        $failure.Exception.Message | Should -Match "properties\.publicNetworkAccess to be 'Disabled' \(the request has 'Enabled'\)"
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        (Get-Arm $Private.Id $ArmApiVersion.Redis).Body.properties.publicNetworkAccess | Should -Be 'Disabled'
    }

    It 'refuses New-RedisPrivateCache before any write when private DNS zones are denied, and suggests -PrivateDnsZoneGroupByPolicy' {
        Set-Assignment 'deny-dns' @{ displayName = 'Deny private DNS zones in application subscriptions'; effect = 'Deny'; resourceType = 'Microsoft.Network/privateDnsZones' }

        $failure = { New-RedisPrivateCache -Name pester-pol-denied -ResourceGroupName rg-pol-denied -Location eastus -VirtualNetworkName vnet-62 `
                -AddressPrefix 10.62.0.0/16 -SubnetName endpoints -SubnetPrefix 10.62.1.0/24 -Confirm:$false -WarningAction SilentlyContinue -ErrorAction Stop } |
            Should -Throw -ErrorId 'RequestDisallowedByPolicy,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand' -PassThru

        $failure.Exception.Message | Should -Match "privateDnsZones '$([regex]::Escape($Zone))' in 'rg-pol-denied'"
        $failure.Exception.Message | Should -Match '-PrivateDnsZoneGroupByPolicy'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        (Get-Arm "/subscriptions/$Sub/resourceGroups/rg-pol-denied" $ArmApiVersion.ResourceGroups).Status | Should -Be 404
    }

    It 'creates a cache whose endpoint resolves through the zone group the DeployIfNotExists policy adds, with -PrivateDnsZoneGroupByPolicy' {
        Set-Assignment 'deny-dns' @{ effect = 'Deny'; resourceType = 'Microsoft.Network/privateDnsZones' }
        Set-Assignment 'dine-redis-dns' @{ displayName = 'Configure Azure Cache for Redis to use private DNS zones'; effect = 'DeployIfNotExists'; groupId = 'redisCache'; privateDnsZoneId = $HubZoneId; delaySeconds = 300 }

        $cache = New-RedisPrivateCache -Name pester-pol-dine -ResourceGroupName rg-pol-app -Location eastus -VirtualNetworkName vnet-63 `
            -AddressPrefix 10.63.0.0/16 -SubnetName endpoints -SubnetPrefix 10.63.1.0/24 -PrivateDnsZoneGroupByPolicy -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

        $endpointId = "/subscriptions/$Sub/resourceGroups/rg-pol-app/providers/Microsoft.Network/privateEndpoints/pester-pol-dine-pe"
        @($cache.PrivateEndpoints).Count | Should -Be 1
        $cache.PrivateIpAddresses | Should -Be (Get-EndpointAddress $endpointId)
        $group = (Get-Arm "$endpointId/privateDnsZoneGroups/deployedByPolicy" $ArmApiVersion.Network).Body
        $group.properties.privateDnsZoneConfigs[0].properties.privateDnsZoneId | Should -Be $HubZoneId
        (Get-Arm "$HubZoneId/A/pester-pol-dine" $ArmApiVersion.PrivateDns).Body.properties.aRecords[0].ipv4Address | Should -Be (Get-EndpointAddress $endpointId)
        (Get-Arm "/subscriptions/$Sub/resourceGroups/rg-pol-app/providers/Microsoft.Network/privateDnsZones/$Zone" $ArmApiVersion.PrivateDns).Status | Should -Be 404
        @(Get-EmulatorWrite $Emulator | Where-Object path -match '/privateDnsZones/|/privateDnsZoneGroups/') | Should -BeNullOrEmpty
        @($warnings | Where-Object { $_.Message -match 'private DNS zone' }) | Should -BeNullOrEmpty -Because 'no zone or link of its own is made'
    }

    It 'adds an endpoint whose zone group the policy deploys, with -PrivateDnsZoneGroupByPolicy' {
        Set-Assignment 'dine-redis-dns' @{ effect = 'DeployIfNotExists'; groupId = 'redisCache'; privateDnsZoneId = $HubZoneId; delaySeconds = 300 }

        $null = $Private | Add-RedisPrivateEndpoint -Name pester-pol-pe-dine -VirtualNetworkName vnet-64 -AddressPrefix 10.64.0.0/16 -SubnetName endpoints `
            -SubnetPrefix 10.64.1.0/24 -PrivateDnsZoneGroupByPolicy -Confirm:$false

        $endpointId = "/subscriptions/$Sub/resourceGroups/rg-pol/providers/Microsoft.Network/privateEndpoints/pester-pol-pe-dine"
        (Get-Arm "$endpointId/privateDnsZoneGroups/deployedByPolicy" $ArmApiVersion.Network).Status | Should -Be 200
        (Get-Arm "$HubZoneId/A/pester-pol" $ArmApiVersion.PrivateDns).Body.properties.aRecords[0].ipv4Address | Should -Be (Get-EndpointAddress $endpointId)
        @(Get-EmulatorWrite $Emulator | Where-Object path -match '/virtualNetworkLinks/|/privateDnsZoneGroups/') | Should -BeNullOrEmpty
    }

    It 'stops with PolicyZoneGroupNotDeployed when no policy adds the zone group in time, leaving the endpoint for a re-run' {
        $failure = { New-RedisPrivateCache -Name pester-pol-none -ResourceGroupName rg-pol-app -Location eastus -VirtualNetworkName vnet-65 `
                -AddressPrefix 10.65.0.0/16 -SubnetName endpoints -SubnetPrefix 10.65.1.0/24 -PrivateDnsZoneGroupByPolicy -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'PolicyZoneGroupNotDeployed,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand' -PassThru

        $failure.Exception.Message | Should -Match 'DeployIfNotExists'
        (Get-Arm "/subscriptions/$Sub/resourceGroups/rg-pol-app/providers/Microsoft.Network/privateEndpoints/pester-pol-none-pe" $ArmApiVersion.Network).Status | Should -Be 200
    }
}
