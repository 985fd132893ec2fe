# A fleet piped into Set-RedisPublicNetworkAccess: the caches' updates are waited for together, by listing their
# resource groups, not by polling each operation; what the emulator logged is the evidence.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:Emulator = Start-TestEmulator
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
    $script:Sub = $Emulator.SubscriptionId
    $script:CommandType = 'RedisPrivateLink.Commands.SetRedisPublicNetworkAccessCommand'

    # Eight caches in one group, four in another, all public; piped interleaved so neither group comes in one piece.
    $script:Ids = foreach ($group in 'rg-fleet-a', 'rg-fleet-b') {
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group" -ApiVersion 2021-04-01 -Method PUT -Body @{ location = 'eastus' }
        foreach ($n in 1..$(if ($group -eq 'rg-fleet-a') { 8 } else { 4 })) {
            $id = "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-$group-$n"
            $null = Invoke-EmulatorArm $Emulator $id -ApiVersion 2024-11-01 -Method PUT `
                -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } }
            $id
        }
    }
    foreach ($id in $Ids) { Wait-EmulatorProvisioned $Emulator $id -ApiVersion 2024-11-01 }
    $script:Piped = @(0..11 | Sort-Object { $_ % 3 }, { $_ } | ForEach-Object { $Ids[$_] })

    function script:Get-ArmPublicAccess([string] $Id) {
        (Invoke-EmulatorArm $Emulator $Id -ApiVersion 2024-11-01).Body.properties.publicNetworkAccess
    }

    function script:Get-Logged {
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests')
    }

    function script:Set-Fleet([string] $Access) {
        $errors = @()
        $caches = $Piped | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
            Set-RedisPublicNetworkAccess -PublicNetworkAccess $Access -Force -ThrottleLimit 2 -Confirm:$false -WarningAction SilentlyContinue `
                -ErrorAction SilentlyContinue -ErrorVariable errors
        [pscustomobject]@{ Caches = @($caches); Errors = @($errors) }
    }
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
}

Describe 'Set-RedisPublicNetworkAccess on a piped fleet' {
    It 'changes every cache with one PATCH and one read each, waits by listing the groups, and writes them in input order' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $run = Set-Fleet Disabled
        $log = Get-Logged

        $run.Errors | Should -BeNullOrEmpty
        $run.Caches.Id | Should -Be $Piped
        $run.Caches.PublicNetworkAccess | Sort-Object -Unique | Should -Be 'Disabled'
        foreach ($id in $Ids) { Get-ArmPublicAccess $id | Should -Be 'Disabled' }
        @($log | Where-Object method -eq 'PATCH').Count | Should -Be 12
        # No operation polled on its own, and each cache read once, before its PATCH: the lists answered for all.
        @($log | Where-Object { $_.method -eq 'GET' -and $_.path -match '/asyncOperations/' }) | Should -BeNullOrEmpty
        foreach ($id in $Ids) { @($log | Where-Object { $_.method -eq 'GET' -and $_.path -eq $id }).Count | Should -Be 1 -Because $id }
        foreach ($group in 'rg-fleet-a', 'rg-fleet-b') {
            @($log | Where-Object { $_.method -eq 'GET' -and $_.path -eq "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis" }).Count |
                Should -BeGreaterOrEqual 1
        }
        @($log | Where-Object status -eq 429) | Should -BeNullOrEmpty
    }

    It 'reads the caches of a group it may not list one by one, and still changes them all' {
        $listB = "/subscriptions/$Sub/resourceGroups/rg-fleet-b/providers/Microsoft.Cache/redis"
        $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method POST -Body @{
            method = 'GET'; pathPattern = "^$listB`$"; kind = 'status'; status = 403; code = 'AuthorizationFailed'; count = 1000
        }
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        try {
            $run = Set-Fleet Enabled
        }
        finally {
            $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method DELETE
        }
        $log = Get-Logged

        $run.Errors | Should -BeNullOrEmpty
        $run.Caches.Id | Should -Be $Piped
        foreach ($id in $Ids) { Get-ArmPublicAccess $id | Should -Be 'Enabled' }
        # The refused list is asked once; after it, group b's caches are read on their own.
        @($log | Where-Object { $_.method -eq 'GET' -and $_.path -eq $listB }).Count | Should -Be 1
        foreach ($id in $Ids | Where-Object { $_ -like '*rg-fleet-b*' }) {
            @($log | Where-Object { $_.method -eq 'GET' -and $_.path -eq $id }).Count | Should -BeGreaterOrEqual 2 -Because $id
        }
    }

    It 'reports a cache whose update Azure ends Failed as that input''s error, and completes the others' {
        $failing = $Ids[2]
        $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method POST -Body @{ method = 'PATCH'; pathPattern = "^$failing`$"; kind = 'lroFailed' }

        $run = Set-Fleet Disabled

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be "ProvisioningFailed,$CommandType"
        $run.Errors[0].TargetObject | Should -Be $failing
        $run.Caches.Id | Should -Be @($Piped | Where-Object { $_ -ne $failing })
        foreach ($id in $Ids | Where-Object { $_ -ne $failing }) { Get-ArmPublicAccess $id | Should -Be 'Disabled' }
    }
}
