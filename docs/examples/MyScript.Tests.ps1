<#
    How to test your own script with Pester against RedisPrivateLink's local ARM emulator, without Azure.

    The test starts the emulator itself, as a separate process:

        dotnet <path>/RedisPrivateLink.Emulator.dll --port 0 --connection-file <path> --time-scale 0.001 --parent-pid $PID

      --port 0               a free port on 127.0.0.1
      --connection-file      written once the emulator listens: endpoint, certificate thumbprint, subscription, tenant
      --time-scale 0.001     Azure's durations x 0.001: a 20-minute cache creation takes 1.2 s
      --parent-pid $PID      the emulator exits with this PowerShell, so none is left running after the test

    It then connects with Connect-RedisPrivateLink -EmulatorConnectionFile, arranges state with the module's own
    cmdlets, runs the script and asserts what is in (emulated) ARM afterwards.

    Where the emulator is: $env:RPL_EMULATOR (the path of RedisPrivateLink.Emulator.dll), or by default
    out/emulator/RedisPrivateLink.Emulator.dll of the RedisPrivateLink repository this file lives in
    (dotnet pwsh ./build.ps1 -Task Build makes it). The module: RedisPrivateLink, imported by name unless loaded.

    Run it:
        $env:RPL_EMULATOR = '/path/to/out/emulator/RedisPrivateLink.Emulator.dll'
        Invoke-Pester ./MyScript.Tests.ps1 -Output Detailed
#>

BeforeAll {
    if (-not (Get-Module RedisPrivateLink)) { Import-Module RedisPrivateLink }
    $script:Script = Join-Path $PSScriptRoot 'MyScript.ps1'

    # Start the emulator and wait for its connection file.
    $emulatorDll = if ($env:RPL_EMULATOR) { $env:RPL_EMULATOR } else { Join-Path $PSScriptRoot '../../out/emulator/RedisPrivateLink.Emulator.dll' }
    if (-not (Test-Path $emulatorDll)) { throw "The emulator is not at '$emulatorDll'. Set RPL_EMULATOR to the path of RedisPrivateLink.Emulator.dll." }
    $script:ConnectionFile = Join-Path $TestDrive 'emulator.json'
    $script:EmulatorProcess = Start-Process -FilePath dotnet -PassThru -ArgumentList @(
        (Resolve-Path $emulatorDll).Path, '--port', '0', '--connection-file', $ConnectionFile, '--time-scale', '0.001', '--parent-pid', $PID
    ) -RedirectStandardOutput (Join-Path $TestDrive 'emulator.out') -RedirectStandardError (Join-Path $TestDrive 'emulator.err')
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $ConnectionFile)) {
        if ($EmulatorProcess.HasExited) { throw "The emulator exited: $(Get-Content -Raw (Join-Path $TestDrive 'emulator.err'))" }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'The emulator did not start within 60 s.' }
        Start-Sleep -Milliseconds 100
    }

    $script:Context = Connect-RedisPrivateLink -EmulatorConnectionFile $ConnectionFile

    # Arrange: two caches in rg-app (network vnet-app), and a shared network whose subnet every cache must reach.
    $network = @{ Location = 'eastus'; VirtualNetworkName = 'vnet-app'; AddressPrefix = '10.50.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.50.1.0/24'; Confirm = $false }
    $null = New-RedisPrivateCache -Name myscript-a -ResourceGroupName rg-app @network
    $null = New-RedisPrivateCache -Name myscript-b -ResourceGroupName rg-app @network
    $shared = New-RedisPrivateCache -Name myscript-shared -ResourceGroupName rg-shared -Location eastus -VirtualNetworkName vnet-shared `
        -AddressPrefix 10.60.0.0/16 -SubnetName endpoints -SubnetPrefix 10.60.1.0/24 -Confirm:$false
    $script:SharedSubnetId = $shared.PrivateEndpoints[0].SubnetId
}

AfterAll {
    Disconnect-RedisPrivateLink
    if ($EmulatorProcess -and -not $EmulatorProcess.HasExited) { $EmulatorProcess.Kill(); $EmulatorProcess.WaitForExit() }
}

Describe 'MyScript.ps1' {
    It 'gives every cache of the group an approved endpoint in the shared subnet' {
        $result = & $Script -ResourceGroupName rg-app -SubnetId $SharedSubnetId -WarningAction SilentlyContinue

        @($result.Name | Sort-Object) | Should -Be @('myscript-a', 'myscript-b')
        foreach ($cache in Get-RedisPrivateCache -ResourceGroupName rg-app) {
            $endpoint = $cache.PrivateEndpoints | Where-Object SubnetId -eq $SharedSubnetId
            $endpoint | Should -Not -BeNullOrEmpty -Because "$($cache.Name) needs an endpoint in the shared subnet"
            $endpoint.ConnectionState | Should -Be 'Approved'
            $endpoint.PrivateIpAddress | Should -Match '^10\.60\.1\.\d+$'
        }
    }

    It 'adds nothing when run again' {
        $null = & $Script -ResourceGroupName rg-app -SubnetId $SharedSubnetId

        foreach ($cache in Get-RedisPrivateCache -ResourceGroupName rg-app) {
            $cache.PrivateEndpoints.Count | Should -Be 2
        }
    }

    It 'leaves caches of other groups alone' {
        (Get-RedisPrivateCache -ResourceGroupName rg-shared -Name myscript-shared).PrivateEndpoints.Count | Should -Be 1
    }

    It 'writes nothing with -WhatIf' {
        $null = New-RedisPrivateCache -Name myscript-c -ResourceGroupName rg-app -Location eastus -VirtualNetworkName vnet-app -SubnetName endpoints -Confirm:$false

        & $Script -ResourceGroupName rg-app -SubnetId $SharedSubnetId -WhatIf

        (Get-RedisPrivateCache -ResourceGroupName rg-app -Name myscript-c).PrivateEndpoints.Count | Should -Be 1
    }
}
