# Hub and spoke across subscriptions, a landing zone's layout: the private DNS zone in the hub (connectivity)
# subscription, the spoke networks in a spoke subscription, the caches in the context's (application) subscription.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Hub = 'aaaaaaaa-0000-0000-0000-00000000000a'
    $script:Spoke = 'bbbbbbbb-0000-0000-0000-00000000000b'
    $script:Unseen = '99999999-9999-9999-9999-999999999999'
    $script:Emulator = Start-TestSession -ExtraArgument '--additional-subscription', $Hub, '--additional-subscription', $Spoke
    $script:Sub = $Emulator.SubscriptionId
    $script:Zone = 'privatelink.redis.cache.windows.net'
    $script:HubZoneId = "/subscriptions/$Hub/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/$Zone"

    function script:Clear-EmulatorLog { $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE }
    function script:New-ArmGroup([string] $Subscription, [string] $Name) {
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Subscription/resourceGroups/$Name" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
    }
    # A spoke network with an endpoints subnet, as the platform team's templates leave it.
    function script:New-SpokeNetwork([string] $Name, [string] $Prefix) {
        New-ArmGroup $Spoke 'rg-spoke'
        $path = "/subscriptions/$Spoke/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/$Name"
        $null = Invoke-EmulatorArm $Emulator $path -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @("$Prefix.0.0/16") }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = "$Prefix.1.0/24" } }) }
        }
        Wait-EmulatorProvisioned $Emulator $path -ApiVersion $ArmApiVersion.Network
        $path
    }

    New-ArmGroup $Hub 'rg-dns'
    $null = Invoke-EmulatorArm $Emulator $HubZoneId -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{ location = 'global' }
    Wait-EmulatorProvisioned $Emulator $HubZoneId -ApiVersion $ArmApiVersion.PrivateDns
    $script:SpokeNetwork = New-SpokeNetwork 'vnet-orders' '10.61'
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'New-RedisPrivateCache with -PrivateDnsZoneId in the hub and -SubnetId in a spoke' {
    BeforeAll {
        $script:Parameters = @{
            Name = 'hs-orders'; ResourceGroupName = 'rg-hs-app'; Location = 'eastus'; Sku = 'Standard'; Size = 'C1'
            SubnetId = "$SpokeNetwork/subnets/endpoints"; PrivateDnsZoneId = $HubZoneId; Confirm = $false
        }
    }

    It 'refuses a zone in a subscription the caller cannot see, naming it, before any write' {
        Clear-EmulatorLog
        $unseenZone = $HubZoneId.Replace($Hub, $Unseen)

        $failure = { New-RedisPrivateCache @Parameters -PrivateDnsZoneId $unseenZone } |
            Should -Throw -ErrorId 'SubscriptionNotFound,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand' -PassThru

        $failure.Exception.Message | Should -Match $Unseen
        $failure.Exception.Message | Should -Match '-PrivateDnsZoneId'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'creates the cache here, its endpoint in the spoke network''s subscription and its A record in the hub zone' {
        $cache = New-RedisPrivateCache @Parameters

        $cache.SubscriptionId | Should -Be $Sub
        $cache.PublicNetworkAccess | Should -Be 'Disabled'
        $cache.PrivateEndpoints | Should -HaveCount 1
        $endpoint = $cache.PrivateEndpoints[0]
        $endpoint.Id | Should -Be "/subscriptions/$Spoke/resourceGroups/rg-spoke/providers/Microsoft.Network/privateEndpoints/hs-orders-pe"
        $endpoint.ConnectionState | Should -Be 'Approved'
        $endpoint.PrivateIpAddress | Should -Match '^10\.61\.1\.\d+$'

        $links = Invoke-EmulatorArm $Emulator "$HubZoneId/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
        @($links.Body.value.properties.virtualNetwork.id) | Should -Be @($SpokeNetwork)
        $record = Invoke-EmulatorArm $Emulator "$HubZoneId/A/hs-orders" -ApiVersion $ArmApiVersion.PrivateDns
        $record.Body.properties.aRecords.ipv4Address | Should -Be @($endpoint.PrivateIpAddress)
        (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-hs-app/providers/Microsoft.Network/privateDnsZones/$Zone" -ApiVersion $ArmApiVersion.PrivateDns).Status |
            Should -Be 404 -Because 'the hub zone is used, none is made beside the cache'
    }

    It 'writes nothing when run again' {
        Clear-EmulatorLog

        $again = New-RedisPrivateCache @Parameters

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        $again.PrivateEndpoints | Should -HaveCount 1
    }
}

Describe 'Add-RedisPrivateEndpoint into a spoke the platform team has already linked to the hub zone' {
    BeforeAll {
        $script:Billing = New-SpokeNetwork 'vnet-billing' '10.62'
        $null = Invoke-EmulatorArm $Emulator "$HubZoneId/virtualNetworkLinks/billing" -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{
            location = 'global'; properties = @{ virtualNetwork = @{ id = $Billing }; registrationEnabled = $false }
        }
        Wait-EmulatorProvisioned $Emulator "$HubZoneId/virtualNetworkLinks/billing" -ApiVersion $ArmApiVersion.PrivateDns
    }

    It 'finds the hub zone by itself and writes nothing under the hub subscription' {
        Clear-EmulatorLog

        $cache = Get-RedisPrivateCache -ResourceGroupName rg-hs-app -Name hs-orders | Add-RedisPrivateEndpoint -SubnetId "$Billing/subnets/endpoints" -Confirm:$false

        $endpoint = $cache.PrivateEndpoints | Where-Object Name -eq 'hs-orders-pe-vnet-billing'
        $endpoint.Id | Should -BeLike "/subscriptions/$Spoke/*"
        $endpoint.PrivateIpAddress | Should -Match '^10\.62\.1\.\d+$'
        $writes = Get-EmulatorWrite $Emulator
        @($writes | Where-Object path -like "/subscriptions/$Hub/*") | Should -BeNullOrEmpty -Because 'the hub''s zone and link are the platform team''s, and the A record is written by the zone group, in the spoke'
        @($writes | Where-Object { $_.method -eq 'PUT' -and $_.path -eq "$($endpoint.Id)/privateDnsZoneGroups/default" }) | Should -HaveCount 1
        $links = Invoke-EmulatorArm $Emulator "$HubZoneId/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
        @($links.Body.value.name | Sort-Object) | Should -Be @('billing', 'vnet-orders-link')
        $record = Invoke-EmulatorArm $Emulator "$HubZoneId/A/hs-orders" -ApiVersion $ArmApiVersion.PrivateDns
        $record.Body.properties.aRecords.ipv4Address | Should -Be @($endpoint.PrivateIpAddress)
    }

    It 'writes nothing when run again' {
        Clear-EmulatorLog

        $null = Get-RedisPrivateCache -ResourceGroupName rg-hs-app -Name hs-orders | Add-RedisPrivateEndpoint -SubnetId "$Billing/subnets/endpoints" -Confirm:$false

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }
}
