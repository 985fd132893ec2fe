BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:CommandType = 'RedisPrivateLink.Commands.GetRedisPrivateEndpointCommand'
    $script:Cache = New-RedisPrivateCache -Name pester-ep -ResourceGroupName rg-ep -Location eastus -VirtualNetworkName vnet-41 `
        -AddressPrefix 10.41.0.0/16 -SubnetName endpoints -SubnetPrefix 10.41.1.0/24 -Confirm:$false |
        Add-RedisPrivateEndpoint -Name pester-ep-second -VirtualNetworkName vnet-42 -AddressPrefix 10.42.0.0/16 -SubnetName endpoints -SubnetPrefix 10.42.1.0/24 -Confirm:$false -WarningAction SilentlyContinue
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Get-RedisPrivateEndpoint' {
    It 'writes the endpoints of a piped cache' {
        $endpoints = $Cache | Get-RedisPrivateEndpoint

        $endpoints.Count | Should -Be 2
        $endpoints[0].GetType().FullName | Should -Be 'RedisPrivateLink.Engine.Caches.RedisPrivateEndpoint'
        $endpoints.CacheId | Select-Object -Unique | Should -Be $Cache.Id
        @($endpoints.PrivateIpAddress | Sort-Object) | Should -Be @($Cache.PrivateIpAddresses | Sort-Object)
    }

    It 'lists a resource group and matches names with wildcards' {
        (Get-RedisPrivateEndpoint -ResourceGroupName rg-ep).Count | Should -Be 2
        (Get-RedisPrivateEndpoint -Name '*-second').Name | Should -Be 'pester-ep-second'
    }

    It 'reports the connection state and DNS record of each endpoint' {
        $second = Get-RedisPrivateEndpoint -Name pester-ep-second
        $second.ConnectionState | Should -Be 'Approved'
        $second.PrivateIpAddress | Should -Match '^10\.42\.1\.\d+$'
    }

    It 'shows a registration another endpoint overwrote in the shared zone as stale' {
        # Both endpoints register the cache's name in the one zone; the second write wins, as in Azure.
        $second = $Cache | Get-RedisPrivateEndpoint | Where-Object Name -eq 'pester-ep-second'
        $first = $Cache | Get-RedisPrivateEndpoint | Where-Object Name -eq 'pester-ep-pe'

        $second.DnsRecords[0].IsCurrent | Should -BeTrue
        $first.DnsRecords[0].IsCurrent | Should -BeFalse
        $first.DnsRecords[0].ZoneAnswers | Should -Be @($second.PrivateIpAddress)
        "$($first.DnsRecords[0])" | Should -Match "stale: the zone answers $([regex]::Escape($second.PrivateIpAddress))"
    }

    It 'refuses a missing cache with CacheNotFound' {
        { Get-RedisPrivateEndpoint -CacheId ($Cache.Id -replace 'pester-ep$', 'pester-nope') } | Should -Throw -ErrorId "CacheNotFound,$CommandType"
    }
}
