# Every script in docs/examples runs here against the emulator, and what it leaves in ARM is checked.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Examples = (Resolve-Path (Join-Path $PSScriptRoot '../../docs/examples')).Path
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:Zone = 'privatelink.redis.cache.windows.net'

    function script:Get-ArmCache([string] $Group, [string] $Name) {
        Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$Group/providers/Microsoft.Cache/redis/$Name" -ApiVersion $ArmApiVersion.Redis
    }
    function script:Clear-EmulatorLog { $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'docs/examples' {
    It '<_> has comment-based help: synopsis, description, every parameter, an example' -ForEach @(
        'Enforce-PrivateOnlyRunbook.ps1', 'HubAndSpoke.ps1', 'LandingZoneRunbook.ps1', 'Migrate-VNetInjectedCache.ps1', 'MyScript.ps1'
    ) {
        $path = Join-Path $Examples $_
        $help = Get-Help $path -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$_*"   # Get-Help falls back to the syntax when there is no help
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 1
        $declared = (Get-Command $path).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }
        foreach ($name in $declared) {
            $described = $help.parameters.parameter | Where-Object name -eq $name
            ($described.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name of $_ needs a .PARAMETER"
        }
    }

    It 'README.md describes every example' {
        $readme = Get-Content -Raw (Join-Path $Examples 'README.md')
        foreach ($file in Get-ChildItem $Examples -Filter *.ps1) { $readme | Should -Match ([regex]::Escape($file.Name)) }
    }
}

Describe 'Enforce-PrivateOnlyRunbook.ps1' {
    BeforeAll {
        $script:Runbook = Join-Path $Examples 'Enforce-PrivateOnlyRunbook.ps1'
        $network = @{ Location = 'eastus'; VirtualNetworkName = 'vnet-rb'; AddressPrefix = '10.71.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.71.1.0/24'; Confirm = $false }
        # Private already.
        $null = New-RedisPrivateCache -Name rb-private -ResourceGroupName rg-rb @network
        # An approved endpoint, but public access opened again (as for a migration window).
        $null = New-RedisPrivateCache -Name rb-open -ResourceGroupName rg-rb @network
        $null = Set-RedisPublicNetworkAccess -Name rb-open -ResourceGroupName rg-rb -PublicNetworkAccess Enabled -Force -Confirm:$false -WarningAction SilentlyContinue
        # Public with no endpoint at all, made without the module.
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-rb-bare" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-rb-bare/providers/Microsoft.Cache/redis/rb-bare" -ApiVersion $ArmApiVersion.Redis -Method PUT `
            -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } }
        Wait-EmulatorProvisioned $Emulator "/subscriptions/$Sub/resourceGroups/rg-rb-bare/providers/Microsoft.Cache/redis/rb-bare" -ApiVersion $ArmApiVersion.Redis

        function script:Get-Action($Summary, [string] $Name) { ($Summary | Where-Object Name -eq $Name).Action }
    }

    It 'with -WhatIf reports what it would do and writes nothing' {
        Clear-EmulatorLog

        $summary = & $Runbook -EmulatorConnectionFile $Emulator.ConnectionFile -WhatIf -WarningAction SilentlyContinue

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        Get-Action $summary rb-private | Should -Be 'AlreadyPrivate'
        Get-Action $summary rb-open | Should -Be 'WouldDisable'
        Get-Action $summary rb-bare | Should -Be 'NeedsEndpoint'
        (Get-ArmCache rg-rb rb-open).Body.properties.publicNetworkAccess | Should -Be 'Enabled'
    }

    It 'disables public access where an approved endpoint exists and only reports the others' {
        $summary = & $Runbook -EmulatorConnectionFile $Emulator.ConnectionFile -WarningVariable warnings -WarningAction SilentlyContinue

        $open = $summary | Where-Object Name -eq rb-open
        $open.Action | Should -Be 'Disabled'
        $open.ResourceGroupName | Should -Be 'rg-rb'
        $open.PublicNetworkAccess | Should -Be 'Disabled'
        $open.ApprovedEndpoints | Should -Be 1
        Get-Action $summary rb-private | Should -Be 'AlreadyPrivate'
        Get-Action $summary rb-bare | Should -Be 'NeedsEndpoint'
        ($summary | Where-Object Name -eq rb-bare).ResourceGroupName | Should -Be 'rg-rb-bare'
        @($summary | Where-Object Name -like 'rb-*').Count | Should -Be 3

        (Get-ArmCache rg-rb rb-open).Body.properties.publicNetworkAccess | Should -Be 'Disabled'
        (Get-ArmCache rg-rb rb-private).Body.properties.publicNetworkAccess | Should -Be 'Disabled'
        (Get-ArmCache rg-rb-bare rb-bare).Body.properties.publicNetworkAccess | Should -Be 'Enabled'
        ($warnings -join "`n") | Should -Match "'rb-bare'"
        ($warnings -join "`n") | Should -Not -Match "'rb-open'"
    }

    It 'changes nothing when run again' {
        Clear-EmulatorLog

        $summary = & $Runbook -EmulatorConnectionFile $Emulator.ConnectionFile -WarningAction SilentlyContinue

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        Get-Action $summary rb-open | Should -Be 'AlreadyPrivate'
        Get-Action $summary rb-bare | Should -Be 'NeedsEndpoint'
    }
}

Describe 'HubAndSpoke.ps1' {
    BeforeAll {
        $script:HubScript = Join-Path $Examples 'HubAndSpoke.ps1'
        $script:HubZonePath = "/subscriptions/$Sub/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/$Zone"
    }

    It 'stops before any write, saying how to create it, while the hub has no zone' {
        Clear-EmulatorLog

        $failure = { & $HubScript -HubResourceGroupName rg-hub-empty -EmulatorConnectionFile $Emulator.ConnectionFile } | Should -Throw -PassThru

        $failure.Exception.Message | Should -Match 'New-AzPrivateDnsZone -ResourceGroupName rg-hub-empty'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'puts a cache in each spoke, both spoke networks linked to the one hub zone that holds both A records' {
        # The platform team's one-time step: the hub resource group and its zone (a raw ARM PUT; New-AzPrivateDnsZone on Azure).
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-hub" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
        $null = Invoke-EmulatorArm $Emulator $HubZonePath -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{ location = 'global' }
        Wait-EmulatorProvisioned $Emulator $HubZonePath -ApiVersion $ArmApiVersion.PrivateDns

        $caches = & $HubScript -HubResourceGroupName rg-hub -EmulatorConnectionFile $Emulator.ConnectionFile

        @($caches.Name | Sort-Object) | Should -Be @('contoso-spoke1-cache', 'contoso-spoke2-cache')
        foreach ($cache in $caches) {
            $cache.PublicNetworkAccess | Should -Be 'Disabled'
            $cache.PrivateEndpoints.Count | Should -Be 1
            $cache.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        }
        ($caches | Where-Object Name -eq contoso-spoke1-cache).ResourceGroupName | Should -Be 'rg-spoke1'
        ($caches | Where-Object Name -eq contoso-spoke2-cache).PrivateEndpoints[0].PrivateIpAddress | Should -Match '^10\.2\.1\.\d+$'

        $links = Invoke-EmulatorArm $Emulator "$HubZonePath/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
        @($links.Body.value.properties.virtualNetwork.id | Sort-Object) | Should -Be @(
            "/subscriptions/$Sub/resourceGroups/rg-spoke1/providers/Microsoft.Network/virtualNetworks/vnet-spoke1"
            "/subscriptions/$Sub/resourceGroups/rg-spoke2/providers/Microsoft.Network/virtualNetworks/vnet-spoke2")
        foreach ($cache in $caches) {
            $record = Invoke-EmulatorArm $Emulator "$HubZonePath/A/$($cache.Name)" -ApiVersion $ArmApiVersion.PrivateDns
            $record.Body.properties.aRecords.ipv4Address | Should -Be @($cache.PrivateEndpoints[0].PrivateIpAddress)
        }
        foreach ($spoke in 'rg-spoke1', 'rg-spoke2') {
            (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$spoke/providers/Microsoft.Network/privateDnsZones/$Zone" -ApiVersion $ArmApiVersion.PrivateDns).Status |
                Should -Be 404 -Because 'the spokes use the hub zone, they get none of their own'
        }
    }

    It 'creates the hub zone once with Az.PrivateDns when signed in to Azure' {
        # Signed in to Azure means a context that is not the emulator's, and Az.PrivateDns loaded. Here the session's
        # emulator context stands in, showing IsEmulator $false, and the four Az cmdlets the script calls are
        # stand-ins that do the same on the emulator and record their calls.
        $azCalls = [System.Collections.Generic.List[string]]::new()
        function Get-RedisPrivateLinkContext {
            $context = [psobject](RedisPrivateLink\Get-RedisPrivateLinkContext)
            Add-Member -InputObject $context -NotePropertyName IsEmulator -NotePropertyValue $false -Force
            $context
        }
        function Get-AzResourceGroup([string] $Name) {
            $azCalls.Add("Get-AzResourceGroup $Name")
            if ((Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$Name" -ApiVersion $ArmApiVersion.ResourceGroups).Status -eq 200) { $Name }
        }
        function New-AzResourceGroup([string] $Name, [string] $Location) {
            $azCalls.Add("New-AzResourceGroup $Name")
            $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$Name" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = $Location }
        }
        function Get-AzPrivateDnsZone([string] $ResourceGroupName, [string] $Name) {
            $azCalls.Add("Get-AzPrivateDnsZone $ResourceGroupName/$Name")
            if ((Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$ResourceGroupName/providers/Microsoft.Network/privateDnsZones/$Name" -ApiVersion $ArmApiVersion.PrivateDns).Status -eq 200) { $Name }
        }
        function New-AzPrivateDnsZone([string] $ResourceGroupName, [string] $Name) {
            $azCalls.Add("New-AzPrivateDnsZone $ResourceGroupName/$Name")
            $path = "/subscriptions/$Sub/resourceGroups/$ResourceGroupName/providers/Microsoft.Network/privateDnsZones/$Name"
            $null = Invoke-EmulatorArm $Emulator $path -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{ location = 'global' }
            Wait-EmulatorProvisioned $Emulator $path -ApiVersion $ArmApiVersion.PrivateDns
        }
        $spokes = @(@{ Name = 'spoke3'; AddressPrefix = '10.3.0.0/16'; SubnetPrefix = '10.3.1.0/24'; CacheName = 'contoso-spoke3-cache' })

        $caches = & $HubScript -HubResourceGroupName rg-hub-az -Spoke $spokes
        $again = & $HubScript -HubResourceGroupName rg-hub-az -Spoke $spokes

        @($azCalls | Where-Object { $_ -like 'New-Az*' }) | Should -Be @('New-AzResourceGroup rg-hub-az', "New-AzPrivateDnsZone rg-hub-az/$Zone")
        $caches.Name | Should -Be 'contoso-spoke3-cache'
        $again.Name | Should -Be 'contoso-spoke3-cache'
        $record = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-hub-az/providers/Microsoft.Network/privateDnsZones/$Zone/A/contoso-spoke3-cache" -ApiVersion $ArmApiVersion.PrivateDns
        $record.Body.properties.aRecords.ipv4Address | Should -Be @($caches.PrivateEndpoints[0].PrivateIpAddress)
    }

    It 'writes nothing when run again' {
        Clear-EmulatorLog

        $caches = & $HubScript -HubResourceGroupName rg-hub -EmulatorConnectionFile $Emulator.ConnectionFile

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        @($caches).Count | Should -Be 2
    }
}

Describe 'LandingZoneRunbook.ps1' {
    BeforeAll {
        # A landing zone: the hub (connectivity) subscription holds the zone, the spoke subscription the networks, and
        # the caches go in the session's subscription (the application's).
        $script:LandingZone = Join-Path $Examples 'LandingZoneRunbook.ps1'
        $script:HubSub = 'aaaaaaaa-0000-0000-0000-0000000000a1'
        $script:SpokeSub = 'bbbbbbbb-0000-0000-0000-0000000000b1'
        $null = Invoke-EmulatorControl $Emulator "/_emulator/subscriptions/$HubSub" -Method PUT -Body @{ displayName = 'connectivity' }
        $null = Invoke-EmulatorControl $Emulator "/_emulator/subscriptions/$SpokeSub" -Method PUT -Body @{ displayName = 'landing-zone-spokes' }
        $script:LzZoneId = "/subscriptions/$HubSub/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/$Zone"
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$HubSub/resourceGroups/rg-dns" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
        $null = Invoke-EmulatorArm $Emulator $LzZoneId -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{ location = 'global' }
        Wait-EmulatorProvisioned $Emulator $LzZoneId -ApiVersion $ArmApiVersion.PrivateDns
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$SpokeSub/resourceGroups/rg-net" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
        $script:LzNetwork = @{}
        foreach ($spoke in @(@{ Name = 'orders'; Prefix = '10.71' }, @{ Name = 'billing'; Prefix = '10.72' })) {
            $path = "/subscriptions/$SpokeSub/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-$($spoke.Name)"
            $null = Invoke-EmulatorArm $Emulator $path -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
                location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @("$($spoke.Prefix).0.0/16") }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = "$($spoke.Prefix).1.0/24" } }) }
            }
            Wait-EmulatorProvisioned $Emulator $path -ApiVersion $ArmApiVersion.Network
            $LzNetwork[$spoke.Name] = $path
        }
        $script:OrdersCache = @{ Name = 'lz-orders'; ResourceGroupName = 'rg-lz-orders'; SubnetId = "$($LzNetwork.orders)/subnets/endpoints"; Tag = @{ app = 'orders' } }
    }

    It 'shows the plan and writes nothing under -WhatIf' {
        Clear-EmulatorLog

        $caches = & $LandingZone -HubPrivateDnsZoneId $LzZoneId -Cache $OrdersCache -EmulatorConnectionFile $Emulator.ConnectionFile -WhatIf 6>$null

        $caches | Should -BeNullOrEmpty
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'creates the cache in the application subscription, its endpoint in the spoke, its record in the hub zone' {
        $cache = & $LandingZone -HubPrivateDnsZoneId $LzZoneId -Cache $OrdersCache -EmulatorConnectionFile $Emulator.ConnectionFile

        $cache.Name | Should -Be 'lz-orders'
        $cache.SubscriptionId | Should -Be $Sub
        $cache.PublicNetworkAccess | Should -Be 'Disabled'
        $cache.PrivateEndpoints[0].Id | Should -Be "/subscriptions/$SpokeSub/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/lz-orders-pe"
        $cache.PrivateEndpoints[0].PrivateIpAddress | Should -Match '^10\.71\.1\.\d+$'
        $links = Invoke-EmulatorArm $Emulator "$LzZoneId/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
        @($links.Body.value.properties.virtualNetwork.id) | Should -Be @($LzNetwork.orders)
        $record = Invoke-EmulatorArm $Emulator "$LzZoneId/A/lz-orders" -ApiVersion $ArmApiVersion.PrivateDns
        $record.Body.properties.aRecords.ipv4Address | Should -Be @($cache.PrivateEndpoints[0].PrivateIpAddress)
        (Get-ArmCache rg-lz-orders lz-orders).Body.tags.app | Should -Be 'orders'
    }

    It 'finds the hub zone of a spoke the platform team pre-linked, writing nothing under the hub, and goes on past a cache it cannot place' {
        $null = Invoke-EmulatorArm $Emulator "$LzZoneId/virtualNetworkLinks/billing" -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{
            location = 'global'; properties = @{ virtualNetwork = @{ id = $LzNetwork.billing }; registrationEnabled = $false }
        }
        Wait-EmulatorProvisioned $Emulator "$LzZoneId/virtualNetworkLinks/billing" -ApiVersion $ArmApiVersion.PrivateDns
        $unseen = $LzNetwork.billing.Replace($SpokeSub, '99999999-9999-9999-9999-999999999999') + '/subnets/endpoints'
        Clear-EmulatorLog

        $output = & $LandingZone -EmulatorConnectionFile $Emulator.ConnectionFile -Cache @(
            @{ Name = 'lz-lost'; ResourceGroupName = 'rg-lz-lost'; SubnetId = $unseen }
            @{ Name = 'lz-billing'; ResourceGroupName = 'rg-lz-billing'; SubnetId = "$($LzNetwork.billing)/subnets/endpoints" }
        ) 2>&1
        $failures = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $caches = $output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SubscriptionNotFound,*'
        $failures[0].Exception.Message | Should -Match '99999999-9999-9999-9999-999999999999'
        (Get-ArmCache rg-lz-lost lz-lost).Status | Should -Be 404
        $caches.Name | Should -Be 'lz-billing'
        $caches.PrivateEndpoints[0].PrivateIpAddress | Should -Match '^10\.72\.1\.\d+$'
        @(Get-EmulatorWrite $Emulator | Where-Object path -like "/subscriptions/$HubSub/*") | Should -BeNullOrEmpty
        $record = Invoke-EmulatorArm $Emulator "$LzZoneId/A/lz-billing" -ApiVersion $ArmApiVersion.PrivateDns
        $record.Body.properties.aRecords.ipv4Address | Should -Be @($caches.PrivateEndpoints[0].PrivateIpAddress)
    }

    It 'writes nothing when run again' {
        Clear-EmulatorLog

        $caches = & $LandingZone -HubPrivateDnsZoneId $LzZoneId -Cache $OrdersCache -EmulatorConnectionFile $Emulator.ConnectionFile

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        $caches.Name | Should -Be 'lz-orders'
    }
}

Describe 'LandingZoneRunbook.ps1 on narrow roles and policy modes' {
    BeforeAll {
        # The full landing zone: the hub (connectivity) subscription holds the zone, linked to the spoke's network by the
        # platform team; the spoke subscription holds the network; the application subscription the cache's group. The
        # runbook signs in as the Automation sandbox's managed identity, which holds narrow roles only. Private DNS
        # zones are denied in the application and spoke subscriptions, and a DeployIfNotExists policy on the spoke adds
        # each endpoint's zone group, pointing at the hub zone. The arrangements use the emulator's static token.
        $script:LandingZone = Join-Path $Examples 'LandingZoneRunbook.ps1'
        $script:PolHub = 'aaaaaaaa-0000-0000-0000-0000000000a2'
        $script:PolSpoke = 'bbbbbbbb-0000-0000-0000-0000000000b2'
        $script:PolApp = 'cccccccc-0000-0000-0000-0000000000c2'
        foreach ($pair in @(@($PolHub, 'connectivity-2'), @($PolSpoke, 'landing-zone-spokes-2'), @($PolApp, 'orders-production'))) {
            $null = Invoke-EmulatorControl $Emulator "/_emulator/subscriptions/$($pair[0])" -Method PUT -Body @{ displayName = $pair[1] }
        }
        function script:New-LzGroup([string] $Subscription, [string] $Name) {
            $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Subscription/resourceGroups/$Name" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
            "/subscriptions/$Subscription/resourceGroups/$Name"
        }
        $script:PolHubGroup = New-LzGroup $PolHub 'rg-dns'
        $script:PolNetGroup = New-LzGroup $PolSpoke 'rg-net'
        $script:PolAppGroup = New-LzGroup $PolApp 'rg-orders'
        $script:PolZoneId = "$PolHubGroup/providers/Microsoft.Network/privateDnsZones/$Zone"
        $null = Invoke-EmulatorArm $Emulator $PolZoneId -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{ location = 'global' }
        Wait-EmulatorProvisioned $Emulator $PolZoneId -ApiVersion $ArmApiVersion.PrivateDns
        $script:PolVnet = "$PolNetGroup/providers/Microsoft.Network/virtualNetworks/vnet-orders"
        $null = Invoke-EmulatorArm $Emulator $PolVnet -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.73.0.0/16') }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = '10.73.1.0/24' } }) }
        }
        Wait-EmulatorProvisioned $Emulator $PolVnet -ApiVersion $ArmApiVersion.Network
        $null = Invoke-EmulatorArm $Emulator "$PolZoneId/virtualNetworkLinks/spoke-orders" -ApiVersion $ArmApiVersion.PrivateDns -Method PUT -Body @{
            location = 'global'; properties = @{ virtualNetwork = @{ id = $PolVnet }; registrationEnabled = $false }
        }
        Wait-EmulatorProvisioned $Emulator "$PolZoneId/virtualNetworkLinks/spoke-orders" -ApiVersion $ArmApiVersion.PrivateDns

        foreach ($subscription in $PolApp, $PolSpoke) {
            $null = Invoke-EmulatorControl $Emulator "/_emulator/policyAssignments/deny-dns-$subscription" -Method PUT -Body @{
                displayName = 'Deny private DNS zones outside the hub'; effect = 'Deny'; resourceType = 'Microsoft.Network/privateDnsZones'; scope = "/subscriptions/$subscription"
            }
        }
        $null = Invoke-EmulatorControl $Emulator '/_emulator/policyAssignments/dine-redis-dns' -Method PUT -Body @{
            displayName = 'Configure Azure Cache for Redis to use private DNS zones'; effect = 'DeployIfNotExists'; scope = "/subscriptions/$PolSpoke"
            groupId = 'redisCache'; privateDnsZoneId = $PolZoneId; delaySeconds = 300
        }

        # The Automation account's system-assigned identity, with narrow roles: nothing writable in the hub.
        $identity = Invoke-EmulatorControl $Emulator '/_emulator/identity'
        $assign = { param($scope, $role) Invoke-EmulatorControl $Emulator '/_emulator/roleAssignments' -Method POST -Body @{ principalId = $identity.systemAssignedObjectId; scope = $scope; role = $role } }
        $null = & $assign $PolAppGroup 'Reader'
        $null = & $assign $PolAppGroup 'Redis Cache Contributor'
        $script:SpokeRole = & $assign $PolNetGroup 'Network Contributor'
        $null = & $assign $PolHubGroup 'Reader'

        $connection = Get-Content -Raw $Emulator.ConnectionFile | ConvertFrom-Json
        $script:SavedIdentityVariables = @{ IDENTITY_ENDPOINT = $env:IDENTITY_ENDPOINT; IDENTITY_HEADER = $env:IDENTITY_HEADER }
        $env:IDENTITY_ENDPOINT = $connection.identityEndpoint
        $env:IDENTITY_HEADER = $connection.identityHeader

        $script:PolCache = @{ Name = 'lz-pol-orders'; ResourceGroupName = 'rg-orders'; SubnetId = "$PolVnet/subnets/endpoints" }
        # The runbook runs in a PowerShell of its own, as in an Automation sandbox: the managed identity's token is
        # cached per process (MSAL), and this emulator's must not outlive the run into another suite's emulator.
        # What it wrote comes back as JSON: each error's id and message, each object's Id, Name and addresses.
        function script:Invoke-PolicyRunbook([hashtable] $Entry) {
            $lines = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $LandingZone, $PolApp, ($Entry | ConvertTo-Json -Compress), $Emulator.ConnectionFile -Script {
                param($Module, $Runbook, $Subscription, $EntryJson, $ConnectionFile)
                Import-Module $Module
                $entry = @{}
                ($EntryJson | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $entry[$_.Name] = $_.Value }
                $written = & $Runbook -Subscription $Subscription -PrivateDnsZoneGroupByPolicy -Cache $entry -EmulatorConnectionFile $ConnectionFile -WarningAction SilentlyContinue 2>&1
                $result = @($written | ForEach-Object {
                        if ($_ -is [System.Management.Automation.ErrorRecord]) { @{ IsError = $true; FullyQualifiedErrorId = $_.FullyQualifiedErrorId; Message = $_.Exception.Message } }
                        else { @{ IsError = $false; Id = $_.Id; Name = $_.Name; PrivateIpAddresses = @($_.PrivateIpAddresses) } }
                    })
                'RUNBOOK-OUTPUT ' + (ConvertTo-Json -InputObject $result -Depth 4 -Compress)
            }
            $json = ($lines | Where-Object { $_ -like 'RUNBOOK-OUTPUT *' } | Select-Object -Last 1).Substring('RUNBOOK-OUTPUT '.Length)
            @(ConvertFrom-Json $json)
        }
    }

    AfterAll {
        foreach ($name in $SavedIdentityVariables.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedIdentityVariables[$name]) }
        $null = Invoke-EmulatorControl $Emulator '/_emulator/policyAssignments' -Method DELETE
        $null = Invoke-EmulatorControl $Emulator '/_emulator/roleAssignments' -Method DELETE
        $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
    }

    It 'creates the private cache as the narrowly-roled identity, its endpoint in the spoke, its DNS zone group the policy''s, writing nothing under the hub' {
        Clear-EmulatorLog

        $output = Invoke-PolicyRunbook $PolCache
        @($output | Where-Object IsError) | Should -BeNullOrEmpty
        $cache = $output | Where-Object { -not $_.IsError }

        $cacheId = "$PolAppGroup/providers/Microsoft.Cache/redis/lz-pol-orders"
        $endpointId = "$PolNetGroup/providers/Microsoft.Network/privateEndpoints/lz-pol-orders-pe"
        $cache.Id | Should -Be $cacheId
        (Invoke-EmulatorArm $Emulator $cacheId -ApiVersion $ArmApiVersion.Redis).Body.properties.publicNetworkAccess | Should -Be 'Disabled'
        $endpoint = (Invoke-EmulatorArm $Emulator $endpointId -ApiVersion $ArmApiVersion.Network).Body
        $endpoint.properties.subnet.id | Should -Be "$PolVnet/subnets/endpoints"
        $address = $endpoint.properties.customDnsConfigs[0].ipAddresses[0]
        $address | Should -Match '^10\.73\.1\.\d+$'
        $zoneGroups = (Invoke-EmulatorArm $Emulator "$endpointId/privateDnsZoneGroups" -ApiVersion $ArmApiVersion.Network).Body.value
        @($zoneGroups.name) | Should -Be @('deployedByPolicy')
        $zoneGroups[0].properties.privateDnsZoneConfigs[0].properties.privateDnsZoneId | Should -Be $PolZoneId
        (Invoke-EmulatorArm $Emulator "$PolZoneId/A/lz-pol-orders" -ApiVersion $ArmApiVersion.PrivateDns).Body.properties.aRecords.ipv4Address | Should -Be @($address)
        $cache.PrivateIpAddresses | Should -Be $address
        $requests = Invoke-EmulatorControl $Emulator '/_emulator/requests'
        $requests.path | Should -Contain '/msi/token' -Because 'the runbook signs in as the managed identity, whose roles ARM evaluates'
        @(Get-EmulatorWrite $Emulator | Where-Object path -like "/subscriptions/$PolHub/*") | Should -BeNullOrEmpty
        @(Get-EmulatorWrite $Emulator | Where-Object path -match '/privateDnsZones/|/privateDnsZoneGroups/') | Should -BeNullOrEmpty
    }

    It 'writes nothing when run again' {
        Clear-EmulatorLog

        $output = Invoke-PolicyRunbook $PolCache

        @($output | Where-Object IsError) | Should -BeNullOrEmpty
        ($output | Where-Object { -not $_.IsError }).Name | Should -Be 'lz-pol-orders'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'stops with InsufficientPermissions before any write when the identity only reads the spoke network' {
        $null = Invoke-EmulatorControl $Emulator "/_emulator/roleAssignments/$($SpokeRole.id.Split('/')[-1])" -Method DELETE
        $null = Invoke-EmulatorControl $Emulator '/_emulator/roleAssignments' -Method POST -Body @{ principalId = $SpokeRole.principalId; scope = $PolNetGroup; role = 'Reader' }
        Clear-EmulatorLog

        $output = Invoke-PolicyRunbook @{ Name = 'lz-pol-billing'; ResourceGroupName = 'rg-orders'; SubnetId = "$PolVnet/subnets/endpoints" }

        $failures = @($output | Where-Object IsError)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InsufficientPermissions,*'
        $failures[0].Message | Should -BeLike "*'Microsoft.Network/privateEndpoints/write' on '$PolNetGroup/providers/Microsoft.Network/privateEndpoints/lz-pol-billing-pe' (built-in role 'Network Contributor' grants it)*"
        $failures[0].Message | Should -BeLike "*'Microsoft.Network/virtualNetworks/subnets/join/action' on '$PolVnet/subnets/endpoints'*"
        $failures[0].Message | Should -Not -BeLike '*Microsoft.Cache/redis/write*'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        (Invoke-EmulatorArm $Emulator "$PolAppGroup/providers/Microsoft.Cache/redis/lz-pol-billing" -ApiVersion $ArmApiVersion.Redis).Status | Should -Be 404
    }
}

Describe 'Migrate-VNetInjectedCache.ps1' {
    BeforeAll {
        $script:MigrateScript = Join-Path $Examples 'Migrate-VNetInjectedCache.ps1'
        # A VNet-injected Premium cache, made the way the portal made them.
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-mig" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
        $script:VnetPath = "/subscriptions/$Sub/resourceGroups/rg-mig/providers/Microsoft.Network/virtualNetworks/vnet-mig"
        $null = Invoke-EmulatorArm $Emulator $VnetPath -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.81.0.0/16') }; subnets = @(@{ name = 'cache'; properties = @{ addressPrefix = '10.81.1.0/24' } }) }
        }
        Wait-EmulatorProvisioned $Emulator $VnetPath -ApiVersion $ArmApiVersion.Network
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-mig/providers/Microsoft.Cache/redis/mig-legacy" -ApiVersion $ArmApiVersion.Redis -Method PUT -Body @{
            location = 'eastus'; tags = @{ owner = 'examples' }
            properties = @{ sku = @{ name = 'Premium'; family = 'P'; capacity = 1 }; subnetId = "$VnetPath/subnets/cache"; redisConfiguration = @{ 'maxmemory-policy' = 'allkeys-lru' } }
        }
        Wait-EmulatorProvisioned $Emulator "/subscriptions/$Sub/resourceGroups/rg-mig/providers/Microsoft.Cache/redis/mig-legacy" -ApiVersion $ArmApiVersion.Redis
    }

    It 'converts only the VNet-injected cache, side by side, into a new subnet of its network, keeping the source' {
        $targets = & $MigrateScript -SubnetPrefix 10.81.2.0/24 -EmulatorConnectionFile $Emulator.ConnectionFile -WarningAction SilentlyContinue -InformationVariable info 6>$null

        @($targets).Count | Should -Be 1 -Because 'the other caches of the subscription are not VNet-injected'
        $targets.Name | Should -Be 'mig-legacy-pl'
        $targets.ResourceGroupName | Should -Be 'rg-mig'
        $targets.IsVNetInjected | Should -BeFalse
        $targets.PublicNetworkAccess | Should -Be 'Disabled'
        $targets.Sku | Should -Be 'Premium'
        $targets.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        $targets.PrivateEndpoints[0].PrivateIpAddress | Should -Match '^10\.81\.2\.\d+$'
        $targets.PrivateEndpoints[0].SubnetId | Should -Be "$VnetPath/subnets/private-endpoints"
        ($info -join "`n") | Should -Match 'Test-RedisPrivateConnectivity'

        $source = Get-ArmCache rg-mig mig-legacy
        $source.Status | Should -Be 200
        $source.Body.properties.subnetId | Should -Be "$VnetPath/subnets/cache"
        $target = Get-ArmCache rg-mig mig-legacy-pl
        $target.Body.properties.redisConfiguration.'maxmemory-policy' | Should -Be 'allkeys-lru'
        $target.Body.tags.owner | Should -Be 'examples'
        # -KeepSource verified is a complete migration: the bookkeeping tags are gone, rpl-migration-source stays.
        @($target.Body.tags.PSObject.Properties.Name | Sort-Object) | Should -Be @('owner', 'rpl-migration-source')
        $subnet = Invoke-EmulatorArm $Emulator "$VnetPath/subnets/private-endpoints" -ApiVersion $ArmApiVersion.Network
        $subnet.Body.properties.addressPrefix | Should -Be '10.81.2.0/24'
        $subnet.Body.properties.privateEndpointNetworkPolicies | Should -Be 'Disabled'
    }

    It 'converges when run again: the same target, no second cache or endpoint' {
        $again = & $MigrateScript -SubnetPrefix 10.81.2.0/24 -EmulatorConnectionFile $Emulator.ConnectionFile -WarningAction SilentlyContinue 6>$null

        @($again).Count | Should -Be 1
        $again.Name | Should -Be 'mig-legacy-pl'
        $caches = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-mig/providers/Microsoft.Cache/redis" -ApiVersion $ArmApiVersion.Redis
        @($caches.Body.value.name | Sort-Object) | Should -Be @('mig-legacy', 'mig-legacy-pl')
        $endpoints = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-mig/providers/Microsoft.Network/privateEndpoints" -ApiVersion $ArmApiVersion.Network
        @($endpoints.Body.value).Count | Should -Be 1
    }

    It 'deletes the kept source when Convert- runs again without -KeepSource, as the script''s help says' {
        # Deleting the source needs the data choice said: without -DataMigration the run is refused before any write.
        { Convert-VNetCacheToPrivateEndpoint -Name mig-legacy -ResourceGroupName rg-mig -NewName mig-legacy-pl -SubnetName private-endpoints `
            -SubnetPrefix 10.81.2.0/24 -Force -Confirm:$false -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'DataMigrationRequired,RedisPrivateLink.Commands.ConvertVNetCacheToPrivateEndpointCommand'
        (Get-ArmCache rg-mig mig-legacy).Status | Should -Be 200

        $target = Convert-VNetCacheToPrivateEndpoint -Name mig-legacy -ResourceGroupName rg-mig -NewName mig-legacy-pl -SubnetName private-endpoints `
            -SubnetPrefix 10.81.2.0/24 -DataMigration None -Force -Confirm:$false -WarningAction SilentlyContinue

        $target.Name | Should -Be 'mig-legacy-pl'
        (Get-ArmCache rg-mig mig-legacy).Status | Should -Be 404
        (Get-ArmCache rg-mig mig-legacy-pl).Status | Should -Be 200
    }
}

Describe 'MyScript.Tests.ps1 (a user testing their own script)' {
    It 'passes as its own Pester run, finding both modules by name as an installed user does' {
        $pester = Get-ChildItem -Path $env:RPL_TEST_PACKAGES -Filter Pester.psd1 -Recurse | Select-Object -First 1
        # out/ holds RedisPrivateLink and RedisPrivateLink.Emulator side by side, as an installed module path does.
        $built = Split-Path $env:RPL_TEST_MODULE
        $lines = Invoke-ChildPwsh -ArgumentList $pester.FullName, $built, (Join-Path $Examples 'MyScript.Tests.ps1') -Script {
            param($pesterManifest, $modulePath, $testFile)
            $ErrorActionPreference = 'Stop'
            $env:PSModulePath = $modulePath + [IO.Path]::PathSeparator + $env:PSModulePath
            Import-Module $pesterManifest
            $result = Invoke-Pester -Path $testFile -PassThru -Output Detailed
            'RESULT ' + (@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } | ConvertTo-Json -Compress)
        }

        $result = ($lines | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1).Substring(7) | ConvertFrom-Json
        $result.Failed | Should -Be 0 -Because ($lines -join "`n")
        $result.Passed | Should -Be 4
    }
}
