# Ctrl+C (StopProcessing) in the middle of a long plan: the cmdlet stops, nothing is left half-made that a re-run
# cannot finish, and the re-run converges without duplicates.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    # Slow enough (a 3.6-second cache creation) to be interrupted while the cache is still being created.
    $script:Emulator = Start-TestSession -TimeScale 0.003
    $script:Sub = $Emulator.SubscriptionId
}

AfterAll {
    Stop-TestSession $Emulator
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
            $endpoints = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-stop/providers/Microsoft.Network/privateEndpoints" -ApiVersion $ArmApiVersion.Network
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
        $caches = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-stop/providers/Microsoft.Cache/redis" -ApiVersion $ArmApiVersion.Redis
        @($caches.Body.value).Count | Should -Be 1
        $links = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-stop/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net/virtualNetworkLinks" -ApiVersion $ArmApiVersion.PrivateDns
        @($links.Body.value).Count | Should -Be 1
    }
}

# Ctrl+C while ARM holds a write unanswered (a delay fault far longer than any wait here): the cmdlet must not wait for
# the answer, nor for the network timeout, but return at once; the held write is abandoned, and a re-run finishes.
Describe 'Stopping a cmdlet while ARM holds its write' {
    BeforeAll {
        $script:HeldCache = New-RedisPrivateCache -Name pester-held -ResourceGroupName rg-held -Location eastus -VirtualNetworkName vnet-82 `
            -AddressPrefix 10.82.0.0/16 -SubnetName endpoints -SubnetPrefix 10.82.1.0/24 -Confirm:$false
        $script:Spoke = Add-RedisPrivateEndpoint -CacheName pester-held -ResourceGroupName rg-held -VirtualNetworkName vnet-83 -VirtualNetworkResourceGroupName rg-held `
            -AddressPrefix 10.83.0.0/16 -SubnetName endpoints -SubnetPrefix 10.83.1.0/24 -Confirm:$false -WarningAction SilentlyContinue

        # Starts the command in its own runspace with a fault that holds its write, waits until ARM holds it (the fault
        # is taken when the request arrives), presses Ctrl+C and returns how long the stop took.
        function Stop-WhileHeld([string] $Method, [string] $PathPattern, [scriptblock] $Command) {
            $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method POST -Body @{ method = $Method; pathPattern = $PathPattern; kind = 'delay'; delayMs = 120000 }
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddCommand('Import-Module').AddArgument($env:RPL_TEST_MODULE).AddStatement()
                $null = $shell.AddCommand('Connect-RedisPrivateLink').AddParameter('EmulatorConnectionFile', $Emulator.ConnectionFile).AddStatement()
                $null = $shell.AddScript($Command.ToString())
                $invocation = $shell.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (@(Invoke-EmulatorControl $Emulator '/_emulator/faults').Count -gt 0) {
                    if ([DateTime]::UtcNow -gt $deadline -or $invocation.IsCompleted) { throw "The $Method never reached the emulator: $($shell.Streams.Error)" }
                    Start-Sleep -Milliseconds 20
                }

                $watch = [Diagnostics.Stopwatch]::StartNew()
                $shell.Stop()
                $watch.Stop()
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                $watch.Elapsed
            }
            finally {
                $shell.Dispose()
            }
        }
    }

    It 'Set-RedisPublicNetworkAccess stops at once during its PATCH, and a re-run sets it' {
        $took = Stop-WhileHeld PATCH '*/redis/pester-held' {
            Set-RedisPublicNetworkAccess -Name pester-held -ResourceGroupName rg-held -PublicNetworkAccess Enabled -Confirm:$false -WarningAction SilentlyContinue
        }

        # A safety bound, not a performance claim: without cancellation the stop would wait for the two-minute hold.
        $took.TotalSeconds | Should -BeLessThan 5
        (Invoke-EmulatorArm $Emulator $HeldCache.Id -ApiVersion $ArmApiVersion.Redis).Body.properties.publicNetworkAccess | Should -Be 'Disabled'

        $after = Set-RedisPublicNetworkAccess -Name pester-held -ResourceGroupName rg-held -PublicNetworkAccess Enabled -Confirm:$false -WarningAction SilentlyContinue

        $after.PublicNetworkAccess | Should -Be 'Enabled'
    }

    It 'Remove-RedisPrivateEndpoint stops at once during the endpoint DELETE, and a re-run removes it' {
        $endpoint = $Spoke.PrivateEndpoints | Where-Object Name -ne 'pester-held-pe'
        $took = Stop-WhileHeld DELETE "*/privateEndpoints/$($endpoint.Name)" ([scriptblock]::Create(
                "Remove-RedisPrivateEndpoint -Name $($endpoint.Name) -ResourceGroupName rg-held -Confirm:`$false -WarningAction SilentlyContinue"))

        $took.TotalSeconds | Should -BeLessThan 5
        (Invoke-EmulatorArm $Emulator $endpoint.Id -ApiVersion $ArmApiVersion.Network).Status | Should -Be 200 -Because 'the held DELETE was abandoned, not carried out'

        Remove-RedisPrivateEndpoint -Name $endpoint.Name -ResourceGroupName rg-held -Confirm:$false -WarningAction SilentlyContinue

        (Invoke-EmulatorArm $Emulator $endpoint.Id -ApiVersion $ArmApiVersion.Network).Status | Should -Be 404
        $cache = Get-RedisPrivateCache -Name pester-held -ResourceGroupName rg-held
        @($cache.PrivateEndpoints).Name | Should -Be @('pester-held-pe')
        $nics = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-held/providers/Microsoft.Network/networkInterfaces" -ApiVersion $ArmApiVersion.Network
        @($nics.Body.value).Count | Should -Be 1
    }
}
