BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Spokes = @('33333333-3333-3333-3333-333333333333', '44444444-4444-4444-4444-444444444444')
    $script:GraphPath = '/providers/Microsoft.ResourceGraph/resources'

    function Add-Fleet($Emulator, [string[]] $Subscription, [int] $PerSubscription, [string] $Kind = 'Classic', [string] $Access = 'Enabled') {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/seed' -Method POST -Body @{
            subscriptions = $Subscription; cachesPerSubscription = $PerSubscription; kind = $Kind; publicNetworkAccess = $Access; namePrefix = $Kind.ToLowerInvariant()
        }
    }

    function Get-GraphRequest($Emulator) {
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object path -eq $GraphPath)
    }
}

Describe 'Get-RedisPrivateCache -UseResourceGraph' {
    BeforeAll {
        $script:Emulator = Start-TestSession
        $script:Sub = $Emulator.SubscriptionId
        Add-Fleet $Emulator @($Sub, $Spokes[0]) 2
        Add-Fleet $Emulator @($Spokes[1]) 1 -Kind ManagedRedis -Access Disabled
    }

    AfterAll {
        Stop-TestSession $Emulator
    }

    BeforeEach {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method DELETE
    }

    It 'finds the caches of both kinds in three subscriptions with one request' {
        $caches = @(Get-RedisPrivateCache -UseResourceGraph)

        $caches.Count | Should -Be 5
        $caches[0].GetType().FullName | Should -Be 'RedisPrivateLink.Engine.Caches.RedisPrivateCache'
        @($caches.SubscriptionId | Sort-Object -Unique) | Should -Be @(@($Sub) + $Spokes | Sort-Object)
        @($caches | Where-Object Kind -eq 'ManagedRedis').Count | Should -Be 1
        ($caches | Where-Object Kind -eq 'ManagedRedis').PublicNetworkAccess | Should -Be 'Disabled'
        ($caches | Where-Object Kind -eq 'ManagedRedis').Port | Should -Be 10000
        @($caches | Where-Object Kind -eq 'Classic' | ForEach-Object { "$($_.Sku) $($_.Size) $($_.Location) $($_.ResourceGroupName)" } | Sort-Object -Unique) | Should -Be 'Basic C0 eastus rg-fleet'
        (Get-GraphRequest $Emulator).Count | Should -Be 1
    }

    It 'asks only about the subscriptions given, and filters by resource group and name' {
        $caches = @(Get-RedisPrivateCache -UseResourceGraph -Subscription $Spokes[0] -ResourceGroupName rg-fleet -Name 'classic-*-2')

        $caches.Id | Should -Be "/subscriptions/$($Spokes[0])/resourceGroups/rg-fleet/providers/Microsoft.Cache/Redis/classic-33333333-2"
    }

    It 'lists each subscription through ARM, with a warning, where Resource Graph is not there' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method POST -Body @{ method = 'POST'; pathPattern = '/providers/Microsoft.ResourceGraph/*'; kind = 'status'; status = 404; code = 'NotFound' }

        $caches = @(Get-RedisPrivateCache -UseResourceGraph -WarningVariable warnings -WarningAction SilentlyContinue)

        $caches.Count | Should -Be 5
        "$warnings" | Should -Match 'Resource Graph is not available here \(404 NotFound\)'
        $lists = @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/providers/Microsoft.Cache/*' })
        @($lists.path | ForEach-Object { ($_ -split '/')[2] } | Sort-Object -Unique).Count | Should -Be 3
    }

    It 'refuses a subscription that is not an id before asking anything' {
        { Get-RedisPrivateCache -UseResourceGraph -Subscription 'Production' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSubscriptionId,RedisPrivateLink.Commands.GetRedisPrivateCacheCommand'
        (Get-GraphRequest $Emulator).Count | Should -Be 0
    }
}

Describe 'Resource Graph paging and quota' {
    BeforeAll {
        # Two rows a page and two queries in every 2 seconds: five caches take three pages, and the quota runs out on the way.
        $script:Emulator = Start-TestSession -ExtraArgument '--resource-graph-page-size', '2', '--resource-graph-quota', '2:2'
        Add-Fleet $Emulator @($Emulator.SubscriptionId) 5
    }

    AfterAll {
        Stop-TestSession $Emulator
    }

    BeforeEach {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
    }

    It 'follows $skipToken through every page, waiting for the quota to reset instead of meeting 429' {
        $caches = @(Get-RedisPrivateCache -UseResourceGraph -ErrorAction Stop)

        $caches.Count | Should -Be 5
        @($caches.Name | Sort-Object -Unique).Count | Should -Be 5
        $requests = Get-GraphRequest $Emulator
        $requests.Count | Should -Be 3
        @($requests | Where-Object status -eq 429).Count | Should -Be 0
    }

    It 'waits out a quota others spent: the 429 is retried, none reaches the user' {
        do { $spent = Invoke-EmulatorArm $Emulator $GraphPath -ApiVersion '2022-10-01' -Method POST -Body @{ query = 'Resources | count' } } until ($spent.Status -eq 429)
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $caches = @(Get-RedisPrivateCache -UseResourceGraph -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures | Should -BeNullOrEmpty
        $caches.Count | Should -Be 5
        @(Get-GraphRequest $Emulator | Where-Object status -eq 429).Count | Should -BeGreaterThan 0
    }
}

Describe 'Get-RedisPrivateEndpoint -UseResourceGraph' {
    BeforeAll {
        $script:Emulator = Start-TestSession
        $script:Cache = New-RedisPrivateCache -Name pester-graph -ResourceGroupName rg-graph -Location eastus -VirtualNetworkName vnet-graph `
            -AddressPrefix 10.61.0.0/16 -SubnetName endpoints -SubnetPrefix 10.61.1.0/24 -Confirm:$false
    }

    AfterAll {
        Stop-TestSession $Emulator
    }

    It 'lists the endpoints to caches with their IPs, and the caches show them too' {
        $endpoints = @(Get-RedisPrivateEndpoint -UseResourceGraph)
        $cache = Get-RedisPrivateCache -UseResourceGraph -Name pester-graph

        $endpoints.Count | Should -Be 1
        $endpoints[0].GetType().FullName | Should -Be 'RedisPrivateLink.Engine.Caches.RedisPrivateEndpoint'
        $endpoints[0].CacheId | Should -Be $Cache.Id
        $endpoints[0].PrivateIpAddress | Should -Be $Cache.PrivateIpAddresses[0]
        $endpoints[0].ConnectionState | Should -Be 'Approved'
        $cache.PrivateIpAddresses | Should -Be $Cache.PrivateIpAddresses
        $cache.PrivateEndpoints[0].SubnetId | Should -Be $Cache.PrivateEndpoints[0].SubnetId
        $cache.PublicNetworkAccess | Should -Be 'Disabled'
    }
}
