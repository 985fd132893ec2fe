# Start-RedisPrivateLinkEmulator (module RedisPrivateLink.Emulator, built beside the module in out/): an emulator the
# module connects to in one line, stopped with the session however it ends, and clear errors when .NET is missing.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:EmulatorModule = Join-Path (Split-Path $env:RPL_TEST_MODULE) 'RedisPrivateLink.Emulator'
    Import-Module $EmulatorModule

    # The bound only stops a process that never exits from hanging the run; the assertion is that it exited.
    function script:Test-ProcessExited([int] $Id) {
        $process = Get-Process -Id $Id -ErrorAction Ignore
        -not $process -or $process.WaitForExit(30000)
    }

    # A directory holding only a stand-in dotnet that lists the given runtimes, to put on PATH instead of the real one.
    function script:New-FakeDotnet([string[]] $Runtime) {
        $directory = Join-Path $TestDrive ('dotnet-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $directory
        if ($IsWindows) {
            Set-Content (Join-Path $directory 'dotnet.cmd') (@('@echo off') + ($Runtime | ForEach-Object { "echo $_" }))
        }
        else {
            $script = Join-Path $directory 'dotnet'
            Set-Content $script (@('#!/bin/sh') + ($Runtime | ForEach-Object { "echo '$_'" }))
            chmod +x $script
        }
        $directory
    }
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-RedisPrivateLinkEmulator
}

Describe 'Start-RedisPrivateLinkEmulator' {
    It 'starts an emulator that Connect-RedisPrivateLink takes from the pipeline' {
        $emulator = Start-RedisPrivateLinkEmulator

        $context = $emulator | Connect-RedisPrivateLink

        $emulator.PSObject.TypeNames | Should -Contain 'RedisPrivateLink.Emulator'
        $emulator.Endpoint | Should -Match '^https://127\.0\.0\.1:\d+/$'
        $emulator.EmulatorConnectionFile | Should -Exist
        $emulator.Process.HasExited | Should -BeFalse
        $emulator.ProcessId | Should -Be $emulator.Process.Id
        $context.ResourceManagerUrl | Should -Be $emulator.Endpoint
        $context.SubscriptionId | Should -Be $emulator.SubscriptionId
        $context.TenantId | Should -Be $emulator.TenantId
        Get-RedisPrivateCache | Should -BeNullOrEmpty -Because 'the emulator answers ARM, and starts empty'
    }

    It 'runs at a thousandth of Azure''s pace unless -TimeScale says otherwise' {
        (Start-RedisPrivateLinkEmulator).TimeScale | Should -Be 0.001
        (Start-RedisPrivateLinkEmulator -TimeScale 0.25).TimeScale | Should -Be 0.25 -Because 'the emulator reports the time scale it runs at'
    }

    It 'hosts the subscriptions of -AdditionalSubscriptionId beside its default one, each to connect to' {
        $hub = [guid]::NewGuid().ToString()

        $emulator = Start-RedisPrivateLinkEmulator -AdditionalSubscriptionId $hub
        $context = Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.EmulatorConnectionFile -Subscription $hub

        $emulator.AdditionalSubscriptionId | Should -Be @($hub)
        $context.SubscriptionId | Should -Be $hub
        $context.SubscriptionName | Should -Be "Emulator Subscription $($hub.Substring(0, 8))"
        (Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.EmulatorConnectionFile).SubscriptionId | Should -Be $emulator.SubscriptionId -Because 'the connection file names the default subscription'
    }

    It 'refuses a negative -TimeScale and a -Port outside 0-65535 before starting anything' {
        { Start-RedisPrivateLinkEmulator -TimeScale -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Start-RedisPrivateLinkEmulator'
        { Start-RedisPrivateLinkEmulator -Port 65536 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Start-RedisPrivateLinkEmulator'
    }

    It 'listens on -Port' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()

        (Start-RedisPrivateLinkEmulator -Port $port).Endpoint | Should -Be "https://127.0.0.1:$port/"
    }

    It 'stops with EmulatorExited, leaving nothing behind, when the emulator cannot listen' {
        $taken = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $taken.Start()
        try {
            $failure = { Start-RedisPrivateLinkEmulator -Port $taken.LocalEndpoint.Port } |
                Should -Throw -ErrorId 'EmulatorExited,Start-RedisPrivateLinkEmulator' -PassThru

            $failure.TargetObject.Process.HasExited | Should -BeTrue
            $failure.TargetObject.Directory | Should -Not -Exist
        }
        finally {
            $taken.Stop()
        }
    }

    It 'stops with DotnetNotFound when dotnet is not on PATH' {
        $path = $env:PATH
        $env:PATH = (New-Item -ItemType Directory (Join-Path $TestDrive 'no-dotnet')).FullName
        try {
            $failure = { Start-RedisPrivateLinkEmulator } | Should -Throw -ErrorId 'DotnetNotFound,Start-RedisPrivateLinkEmulator' -PassThru
        }
        finally {
            $env:PATH = $path
        }
        $failure.Exception.Message | Should -Match 'ASP\.NET Core Runtime 10'
    }

    It 'stops with AspNetCoreRuntimeNotFound when dotnet has no ASP.NET Core 10 runtime, naming what it has' {
        $path = $env:PATH
        $env:PATH = New-FakeDotnet -Runtime 'Microsoft.NETCore.App 10.0.1 [/dotnet/shared/Microsoft.NETCore.App]', 'Microsoft.AspNetCore.App 8.0.11 [/dotnet/shared/Microsoft.AspNetCore.App]'
        try {
            $failure = { Start-RedisPrivateLinkEmulator } | Should -Throw -ErrorId 'AspNetCoreRuntimeNotFound,Start-RedisPrivateLinkEmulator' -PassThru
        }
        finally {
            $env:PATH = $path
        }
        $failure.Exception.Message | Should -Match 'Microsoft\.AspNetCore\.App 10\.x'
        $failure.Exception.Message | Should -Match 'installed versions of it: 8\.0\.11'
    }

    It 'has help: synopsis, description, every parameter, two examples, its output' {
        foreach ($name in 'Start-RedisPrivateLinkEmulator', 'Stop-RedisPrivateLinkEmulator') {
            $help = Get-Help $name -Full
            $help.Synopsis | Should -Not -BeLike "*$name *" -Because "$name needs a synopsis, not its syntax"
            ($help.Description.Text -join '') | Should -Not -BeNullOrEmpty
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
            ($help.returnValues.returnValue.type.name -join '') | Should -Not -BeNullOrEmpty
            $declared = (Get-Command $name).Parameters.Keys | Where-Object {
                $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            }
            foreach ($parameter in $declared) {
                $described = $help.Parameters.Parameter | Where-Object Name -eq $parameter
                ($described.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$parameter of $name needs help"
            }
        }
    }
}

Describe 'The emulator''s lifetime' {
    It 'ends when the PowerShell that started it is killed' {
        $pwsh = Join-Path $PSHOME 'pwsh.dll'
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in $pwsh, '-NoProfile', '-NonInteractive', '-Command',
            "Import-Module '$EmulatorModule'; 'EMULATOR ' + (Start-RedisPrivateLinkEmulator).ProcessId; [Console]::In.ReadLine()") {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $child = [System.Diagnostics.Process]::Start($start)
        try {
            # The child holds still on its standard input, which is never written, until it is killed.
            do { $line = $child.StandardOutput.ReadLine() } until ($null -eq $line -or $line -like 'EMULATOR *')
            $line | Should -BeLike 'EMULATOR *' -Because 'the child started an emulator'
            $emulatorId = [int]$line.Substring(9)

            $child.Kill()

            Test-ProcessExited $emulatorId | Should -BeTrue -Because 'the emulator watches its parent (--parent-pid)'
        }
        finally {
            if (-not $child.HasExited) { $child.Kill() }
            $child.Dispose()
        }
    }

    It 'ends when the session''s runspace closes, though its process goes on' {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $emulator = $shell.AddCommand('Import-Module').AddArgument($EmulatorModule).AddStatement().AddCommand('Start-RedisPrivateLinkEmulator').Invoke()[0]
        $emulator.Process.HasExited | Should -BeFalse

        $runspace.Close()
        $shell.Dispose()

        Test-ProcessExited $emulator.ProcessId | Should -BeTrue -Because 'PowerShell.Exiting stops it; this process, its parent, still runs'
        $emulator.Directory | Should -Not -Exist
    }

    It 'ends when the module is removed, which also drops its session-end subscription' {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        try {
            $emulator = $shell.AddCommand('Import-Module').AddArgument($EmulatorModule).AddStatement().AddCommand('Start-RedisPrivateLinkEmulator').Invoke()[0]
            $shell.Commands.Clear()
            $subscribed = $shell.AddScript('@(Get-EventSubscriber -Force | Where-Object SourceIdentifier -eq PowerShell.Exiting).Count').Invoke()[0]
            $shell.Commands.Clear()

            $left = $shell.AddScript('Remove-Module RedisPrivateLink.Emulator; @(Get-EventSubscriber -Force | Where-Object SourceIdentifier -eq PowerShell.Exiting).Count').Invoke()[0]

            $shell.HadErrors | Should -BeFalse
            $subscribed | Should -Be 1
            $left | Should -Be 0
            Test-ProcessExited $emulator.ProcessId | Should -BeTrue
        }
        finally {
            $runspace.Dispose()
            $shell.Dispose()
        }
    }
}
