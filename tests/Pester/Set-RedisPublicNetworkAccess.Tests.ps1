BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:CommandType = 'RedisPrivateLink.Commands.SetRedisPublicNetworkAccessCommand'
    $script:Private = New-RedisPrivateCache -Name pester-pna -ResourceGroupName rg-pna -Location eastus -VirtualNetworkName vnet-51 `
        -AddressPrefix 10.51.0.0/16 -SubnetName endpoints -SubnetPrefix 10.51.1.0/24 -Confirm:$false
    # A public cache with no endpoint at all, made without the module.
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-pna/providers/Microsoft.Cache/redis/pester-pna-bare" -ApiVersion $ArmApiVersion.Redis -Method PUT `
        -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } }
    Wait-EmulatorProvisioned $Emulator "/subscriptions/$Sub/resourceGroups/rg-pna/providers/Microsoft.Cache/redis/pester-pna-bare" -ApiVersion $ArmApiVersion.Redis

    function script:Get-ArmPublicAccess([string] $Name) {
        (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-pna/providers/Microsoft.Cache/redis/$Name" -ApiVersion $ArmApiVersion.Redis).Body.properties.publicNetworkAccess
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Set-RedisPublicNetworkAccess' {
    It 'enables public access on a piped cache, waits for Azure to apply it, and writes the cache after' {
        $cache = $Private | Set-RedisPublicNetworkAccess -PublicNetworkAccess Enabled -Confirm:$false -WarningAction SilentlyContinue

        $cache.PublicNetworkAccess | Should -Be 'Enabled'
        $cache.ProvisioningState | Should -Be 'Succeeded'
        Get-ArmPublicAccess 'pester-pna' | Should -Be 'Enabled'
    }

    It 'disables it again on a cache that has an approved endpoint' {
        $cache = Set-RedisPublicNetworkAccess -Name pester-pna -ResourceGroupName rg-pna -PublicNetworkAccess Disabled -Confirm:$false

        $cache.PublicNetworkAccess | Should -Be 'Disabled'
        Get-ArmPublicAccess 'pester-pna' | Should -Be 'Disabled'
    }

    It 'writes nothing when the cache is already in the requested state, and says so' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $verbose = Set-RedisPublicNetworkAccess -Name pester-pna -ResourceGroupName rg-pna -PublicNetworkAccess Disabled -Confirm:$false -Verbose 4>&1
        $cache = $verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        $cache.PublicNetworkAccess | Should -Be 'Disabled'
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -match 'already' | Should -Not -BeNullOrEmpty
    }

    It 'refuses to make a cache without an approved endpoint unreachable, before any write' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $failure = { Set-RedisPublicNetworkAccess -Name pester-pna-bare -ResourceGroupName rg-pna -PublicNetworkAccess Disabled -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "CacheWouldBeUnreachable,$CommandType" -PassThru
        $failure.Exception.Message | Should -Match 'Force'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        Get-ArmPublicAccess 'pester-pna-bare' | Should -Be 'Enabled'
    }

    It 'does it anyway with -Force' {
        $cache = Set-RedisPublicNetworkAccess -Name pester-pna-bare -ResourceGroupName rg-pna -PublicNetworkAccess Disabled -Force -Confirm:$false

        $cache.PublicNetworkAccess | Should -Be 'Disabled'
        Get-ArmPublicAccess 'pester-pna-bare' | Should -Be 'Disabled'
    }

    It 'warns that any key holder can connect when enabling a cache without firewall rules' {
        $warnings = @()
        $null = Set-RedisPublicNetworkAccess -Name pester-pna-bare -ResourceGroupName rg-pna -PublicNetworkAccess Enabled -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

        ($warnings -join "`n") | Should -Match 'firewall'
    }

    It 'writes nothing with -WhatIf' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $out = Set-RedisPublicNetworkAccess -Name pester-pna -ResourceGroupName rg-pna -PublicNetworkAccess Enabled -WhatIf -WarningAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        Get-ArmPublicAccess 'pester-pna' | Should -Be 'Disabled'
    }

    It 'returns at once with -NoWait, the change accepted' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $cache = Set-RedisPublicNetworkAccess -Name pester-pna -ResourceGroupName rg-pna -PublicNetworkAccess Enabled -NoWait -Confirm:$false -WarningAction SilentlyContinue

        $cache | Should -Not -BeNullOrEmpty
        @(Get-EmulatorWrite $Emulator | Where-Object method -eq 'PATCH').Count | Should -Be 1
    }

    It 'refuses a cache that does not exist with CacheNotFound' {
        { Set-RedisPublicNetworkAccess -Name pester-nope -ResourceGroupName rg-pna -PublicNetworkAccess Disabled -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "CacheNotFound,$CommandType"
    }

    Context 'on Azure Managed Redis and a mixed fleet' {
        BeforeAll {
            $script:Managed = New-RedisPrivateCache -Name pester-pna-amr -ResourceGroupName rg-pna -Location eastus -Sku Balanced_B1 `
                -SubnetId $Private.PrivateEndpoints[0].SubnetId -PrivateEndpointName pester-pna-amr-pe -Confirm:$false
            function script:Get-ArmClusterPublicAccess {
                (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-pna/providers/Microsoft.Cache/redisEnterprise/pester-pna-amr" -ApiVersion $ArmApiVersion.RedisEnterprise).Body.properties.publicNetworkAccess
            }
        }

        It 'finds a Managed Redis cache by name and changes it' {
            $cache = Set-RedisPublicNetworkAccess -Name pester-pna-amr -ResourceGroupName rg-pna -PublicNetworkAccess Enabled -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
            $cache.Kind | Should -Be 'ManagedRedis'
            $cache.PublicNetworkAccess | Should -Be 'Enabled'
            Get-ArmClusterPublicAccess | Should -Be 'Enabled'
            "$warnings" | Should -Match 'Azure Managed Redis has no firewall rules'
        }

        It 'closes the classic and the Managed Redis cache of a mixed group from one pipeline' {
            $closed = Get-RedisPrivateCache -ResourceGroupName rg-pna | Where-Object PrivateEndpointCount -gt 0 |
                Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Confirm:$false
            @($closed | ForEach-Object { "$($_.Name) $($_.Kind) $($_.PublicNetworkAccess)" } | Sort-Object) | Should -Be @('pester-pna Classic Disabled', 'pester-pna-amr ManagedRedis Disabled')
            Get-ArmClusterPublicAccess | Should -Be 'Disabled'
            Get-ArmPublicAccess pester-pna | Should -Be 'Disabled'
        }

        It 'refuses to close a Managed Redis cache without an approved endpoint' {
            $null = Remove-RedisPrivateEndpoint -ResourceGroupName rg-pna -Name pester-pna-amr-pe -Force -Confirm:$false -WarningAction SilentlyContinue
            { Set-RedisPublicNetworkAccess -Name pester-pna-amr -ResourceGroupName rg-pna -PublicNetworkAccess Enabled -Confirm:$false -WarningAction SilentlyContinue } | Should -Not -Throw
            { Set-RedisPublicNetworkAccess -Name pester-pna-amr -ResourceGroupName rg-pna -PublicNetworkAccess Disabled -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId "CacheWouldBeUnreachable,$CommandType"
            Get-ArmClusterPublicAccess | Should -Be 'Enabled'
        }
}
}
