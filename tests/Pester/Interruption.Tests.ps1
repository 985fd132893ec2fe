# Ctrl+C (StopProcessing) in the middle of a long plan: the cmdlet stops, nothing is left half-made that a re-run
# cannot finish, and the re-run converges without duplicates.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    # Slow enough (a 3.6-second cache creation) to be interrupted while the cache is still being created.
    $script:Emulator = Start-TestEmulator -TimeScale 0.003
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
    $script:Sub = $Emulator.SubscriptionId
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
}

Describe 'Stopping New-RedisPrivateCache while the cache is being created' {
    It 'stops, and the same command run again finishes the job without duplicates' {
        $shell = [powershell]::Create()
        $null = $shell.AddCommand('Import-Module').AddArgument($env:RPL_TEST_MODULE).AddStatement()
        $null = $shell.AddCommand('New-RedisPrivateCache').AddParameters(@{
                Name = 'pester-stop'; ResourceGroupName = 'rg-stop'; Location = 'eastus'; VirtualNetworkName = 'vnet-81'
                AddressPrefix = '10.81.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.81.1.0/24'; Confirm = $false
            })
        $invocation = $shell.BeginInvoke()
        try {
            # Wait (bounded) until the cache PUT has been sent, so the stop lands mid-plan.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object { $_.method -eq 'PUT' -and $_.path -like '*/redis/pester-stop' })) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'The cache PUT was never sent.' }
                Start-Sleep -Milliseconds 50
            }

            $stop = $shell.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue
            $shell.EndStop($stop)
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $endpoints = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-stop/providers/Microsoft.Network/privateEndpoints" -ApiVersion 2024-05-01
            @($endpoints.Body.value).Count | Should -Be 0 -Because 'the endpoint needs the running cache, which the stop came before'
        }
        finally {
            $shell.Dispose()
        }

        $cache = New-RedisPrivateCache -Name pester-stop -ResourceGroupName rg-stop -Location eastus -VirtualNetworkName vnet-81 `
            -AddressPrefix 10.81.0.0/16 -SubnetName endpoints -SubnetPrefix 10.81.1.0/24 -Confirm:$false

        $cache.ProvisioningState | Should -Be 'Succeeded'
        $cache.PrivateEndpoints.Count | Should -Be 1
        $cache.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        $caches = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-stop/providers/Microsoft.Cache/redis" -ApiVersion 2024-11-01
        @($caches.Body.value).Count | Should -Be 1
        $links = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-stop/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net/virtualNetworkLinks" -ApiVersion 2024-06-01
        @($links.Body.value).Count | Should -Be 1
    }
}
