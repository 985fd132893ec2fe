# -AsJob on the long-running cmdlets: a standard PowerShell job (Get-Job, Wait-Job, Receive-Job, Stop-Job) running
# the same command with the same parameters and context, against the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId

    function script:New-JobCache([string] $Name, [string] $Octet, [hashtable] $Extra = @{}) {
        New-RedisPrivateCache -Name $Name -ResourceGroupName "rg-$Name" -Location eastus -VirtualNetworkName "vnet-$Octet" `
            -AddressPrefix "10.$Octet.0.0/16" -SubnetName endpoints -SubnetPrefix "10.$Octet.1.0/24" @Extra
    }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -eq 'RedisPrivateLinkJob' | Remove-Job -Force
    Stop-TestSession $Emulator
}

Describe '-AsJob' {
    It 'returns a job at once that Get-Job lists, and Receive-Job gives the cache' {
        $job = New-JobCache -Name 'pester-job1' -Octet 61 -Extra @{ AsJob = $true }

        $job | Should -BeOfType System.Management.Automation.Job
        $job.PSJobTypeName | Should -Be 'RedisPrivateLinkJob'
        (Get-Job -Id $job.Id).InstanceId | Should -Be $job.InstanceId
        $null = $job | Wait-Job -Timeout 120
        $job.State | Should -Be 'Completed'
        $cache = $job | Receive-Job
        $cache.GetType().FullName | Should -Be 'RedisPrivateLink.Engine.Caches.RedisPrivateCache'
        $cache.Name | Should -Be 'pester-job1'
        $cache.PublicNetworkAccess | Should -Be 'Disabled'
        $state = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-pester-job1/providers/Microsoft.Cache/redis/pester-job1" -ApiVersion $ArmApiVersion.Redis
        $state.Body.properties.publicNetworkAccess | Should -Be 'Disabled'
    }

    It 'starts one job per piped cache for Add-RedisPrivateEndpoint, each with its own endpoint' {
        foreach ($name in 'pester-job2', 'pester-job3') {
            $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-jobs" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
            $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-jobs/providers/Microsoft.Cache/redis/$name" -ApiVersion $ArmApiVersion.Redis -Method PUT `
                -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Standard'; family = 'C'; capacity = 1 } } }
            Wait-EmulatorProvisioned $Emulator "/subscriptions/$Sub/resourceGroups/rg-jobs/providers/Microsoft.Cache/redis/$name" -ApiVersion $ArmApiVersion.Redis
        }

        $jobs = Get-RedisPrivateCache -ResourceGroupName rg-jobs |
            Add-RedisPrivateEndpoint -VirtualNetworkName vnet-62 -AddressPrefix 10.62.0.0/16 -SubnetName endpoints -SubnetPrefix 10.62.1.0/24 -AsJob

        @($jobs).Count | Should -Be 2
        $null = $jobs | Wait-Job -Timeout 120
        $jobs.State | Should -Be @('Completed', 'Completed')
        $caches = $jobs | Receive-Job
        ($caches.Name | Sort-Object) | Should -Be @('pester-job2', 'pester-job3')
        $caches | ForEach-Object { $_.PrivateEndpoints.Count | Should -Be 1 }
    }

    It 'ends Failed with the error id when the command refuses its input, having written nothing' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $job = New-RedisPrivateCache -Name 'pester-job4' -ResourceGroupName rg-job4 -Location eastus -VirtualNetworkName vnet-63 `
            -AddressPrefix 10.63.0.0/16 -SubnetName endpoints -SubnetPrefix 10.64.1.0/24 -AsJob
        $null = $job | Wait-Job -Timeout 120

        $job.State | Should -Be 'Failed'
        $job | Receive-Job -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SubnetOutsideAddressSpace,*'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'refuses -Confirm with AsJobCannotConfirm and starts no job' {
        $before = @(Get-Job).Count

        { New-JobCache -Name 'pester-job5' -Octet 65 -Extra @{ AsJob = $true; Confirm = $true } } |
            Should -Throw -ErrorId 'AsJobCannotConfirm,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand'
        @(Get-Job).Count | Should -Be $before
    }

    It 'shows the plan now with -WhatIf, starting no job and writing nothing' {
        $before = @(Get-Job).Count
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $output = New-JobCache -Name 'pester-job6' -Octet 66 -Extra @{ AsJob = $true; WhatIf = $true }

        $output | Should -BeNullOrEmpty
        @(Get-Job).Count | Should -Be $before
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'honours $WhatIfPreference as -WhatIf: the plan now, no job, nothing written' {
        $before = @(Get-Job).Count
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $output = & {
            $WhatIfPreference = $true
            New-JobCache -Name 'pester-job9' -Octet 69 -Extra @{ AsJob = $true }
        }

        $output | Should -BeNullOrEmpty
        @(Get-Job).Count | Should -Be $before
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'lets a migration job show its plan with $WhatIfPreference, without -Force or -KeepSource' {
        $before = @(Get-Job).Count

        # No such source here: the run stops at reading it, which shows the confirmation check let -WhatIf through.
        $errorId = try {
            & {
                $WhatIfPreference = $true
                Convert-VNetCacheToPrivateEndpoint -Name legacy -ResourceGroupName rg-legacy -NewName pester-job10 -SubnetName pe -SubnetPrefix 10.70.1.0/24 -DataMigration None -AsJob
            }
        }
        catch { $_.FullyQualifiedErrorId }

        $errorId | Should -BeLike 'CacheNotFound,*'
        @(Get-Job).Count | Should -Be $before
    }

    It 'refuses a migration job that could not ask before deleting the source (ConfirmationRequired)' {
        { Convert-VNetCacheToPrivateEndpoint -Name legacy -ResourceGroupName rg-legacy -NewName pester-job7 -SubnetName pe -SubnetPrefix 10.67.1.0/24 -AsJob } |
            Should -Throw -ErrorId 'ConfirmationRequired,RedisPrivateLink.Commands.ConvertVNetCacheToPrivateEndpointCommand'
    }

    It 'is stopped by Stop-Job' {
        $job = New-JobCache -Name 'pester-job8' -Octet 68 -Extra @{ AsJob = $true }

        $job | Stop-Job
        $null = $job | Wait-Job -Timeout 30

        $job.State | Should -Be 'Stopped'
    }
}
