<#
    RedisPrivateLink.Emulator: RedisPrivateLink's local ARM emulator (published into emulator/ beside this file) as a
    child process of the session that starts it, for tests of your own scripts. A separate package from the module
    so that production runbooks never carry a test server, nor its need for dotnet and the ASP.NET Core runtime.
#>
Set-StrictMode -Version 3.0

$script:EmulatorAssembly = Join-Path $PSScriptRoot 'emulator/RedisPrivateLink.Emulator.dll'

# Waiting for start-up, not measuring it: the bound only stops a broken emulator from hanging the session.
$script:StartTimeout = [TimeSpan]::FromSeconds(60)

# The emulators this session started and has not stopped yet.
$script:RunningEmulators = [System.Collections.Generic.List[object]]::new()

function New-EmulatorErrorRecord {
    param(
        [Parameter(Mandatory)] [string] $Message,
        [Parameter(Mandatory)] [string] $ErrorId,
        [Parameter(Mandatory)] [System.Management.Automation.ErrorCategory] $Category,
        $Target
    )
    [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($Message), $ErrorId, $Category, $Target)
}

# The frameworks the emulator was built against, from its runtimeconfig.json, so the check below cannot drift from
# what the published emulator actually needs (a framework-dependent app runs on the same major version, any later minor).
function Get-RequiredFramework {
    $runtimeConfig = [IO.Path]::ChangeExtension($script:EmulatorAssembly, '.runtimeconfig.json')
    $options = (Get-Content -Raw -LiteralPath $runtimeConfig | ConvertFrom-Json).runtimeOptions
    $frameworks = if ($options.PSObject.Properties['frameworks']) { $options.frameworks } else { @($options.framework) }
    foreach ($framework in $frameworks) {
        [pscustomobject]@{ Name = $framework.name; Version = [version]$framework.version }
    }
}

# The dotnet host that will run the emulator, after checking it has every framework the emulator needs.
function Resolve-DotnetHost {
    param([Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Caller)

    $dotnet = Get-Command dotnet -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $dotnet) {
        $Caller.ThrowTerminatingError((New-EmulatorErrorRecord -ErrorId DotnetNotFound -Category ObjectNotFound -Target 'dotnet' -Message (
                    'The emulator runs on .NET, but no dotnet command is on PATH. Install the ASP.NET Core Runtime 10 ' +
                    '(https://dotnet.microsoft.com/download/dotnet/10.0) and make sure dotnet is on PATH.')))
    }

    $installed = @(& $dotnet.Source --list-runtimes 2>$null | ForEach-Object {
            if ($_ -match '^(?<name>\S+) (?<version>\d+\.\d+\.\d+)') {
                [pscustomobject]@{ Name = $Matches.name; Version = [version]$Matches.version }
            }
        })
    foreach ($required in Get-RequiredFramework) {
        $match = $installed | Where-Object {
            $_.Name -eq $required.Name -and $_.Version.Major -eq $required.Version.Major -and $_.Version -ge $required.Version
        }
        if (-not $match) {
            $found = ($installed | Where-Object Name -eq $required.Name | ForEach-Object { $_.Version }) -join ', '
            if (-not $found) { $found = 'none' }
            $Caller.ThrowTerminatingError((New-EmulatorErrorRecord -ErrorId AspNetCoreRuntimeNotFound -Category ObjectNotFound -Target $dotnet.Source -Message (
                        "The emulator needs $($required.Name) $($required.Version.Major).x ($($required.Version) or later), " +
                        "which '$($dotnet.Source) --list-runtimes' does not list (installed versions of it: $found). " +
                        "Install the ASP.NET Core Runtime $($required.Version.Major) (https://dotnet.microsoft.com/download/dotnet/$($required.Version.Major).0).")))
        }
    }
    $dotnet.Source
}

# Ends one emulator's process and removes its directory; shared by Stop-RedisPrivateLinkEmulator, the module's
# removal and the session's end.
function Stop-EmulatorProcess {
    param([Parameter(Mandatory)] $Emulator)
    try {
        if (-not $Emulator.Process.HasExited) {
            $Emulator.Process.Kill()
            $Emulator.Process.WaitForExit()
        }
    }
    catch [System.InvalidOperationException] {
        # It exited between the check and the kill: nothing left to stop.
    }
    Remove-Item -LiteralPath $Emulator.Directory -Recurse -Force -ErrorAction SilentlyContinue
    $null = $script:RunningEmulators.Remove($Emulator)
}

function Start-RedisPrivateLinkEmulator {
    <#
    .SYNOPSIS
        Starts RedisPrivateLink's local ARM emulator for this session and returns it, ready to connect to.

    .DESCRIPTION
        Start-RedisPrivateLinkEmulator runs the local ARM emulator that comes with this module (an HTTPS server on
        127.0.0.1 that answers like Azure Resource Manager for the resources RedisPrivateLink manages) as a child process,
        waits until it listens and returns an object describing it. Pipe that object to Connect-RedisPrivateLink, or
        give its EmulatorConnectionFile to Connect-RedisPrivateLink -EmulatorConnectionFile: the emulator's
        EmulatorConnectionFile property binds by name.

        The emulator belongs to the session that started it. Stop-RedisPrivateLinkEmulator stops it; so do removing
        this module and the end of the session (its PowerShell.Exiting event). The emulator also watches this
        PowerShell process (its --parent-pid option) and exits when the process does, so not even a killed or
        crashed PowerShell leaves one running.

        The emulator needs the dotnet command on PATH with the ASP.NET Core 10 runtime; without them this stops with
        the error id DotnetNotFound or AspNetCoreRuntimeNotFound, saying what to install.

    .PARAMETER Port
        The port to listen on, on 127.0.0.1. 0, the default, takes a free one; the Endpoint property says which.

    .PARAMETER TimeScale
        Multiplies the durations Azure takes (provisioning, long-running operations): 1 is Azure's own pace. The
        default, 0.001, suits tests: a 20-minute cache creation takes 1.2 seconds.

    .PARAMETER AdditionalSubscriptionId
        Further subscriptions the emulator hosts beside its default one (SubscriptionId), in the same tenant: the hub
        and spokes of a landing zone, to test a script that works across subscriptions. Each has its own resources and
        its own ARM throttling buckets, as in Azure.

    .OUTPUTS
        RedisPrivateLink.Emulator: Endpoint (the ARM endpoint URL), EmulatorConnectionFile (its connection file, which
        Connect-RedisPrivateLink reads), SubscriptionId (the default subscription), AdditionalSubscriptionId,
        TenantId, CertificateThumbprint (the one certificate the
        module trusts for it), TimeScale, ProcessId, Process, and Directory (the connection file and the emulator's
        stdout.txt and stderr.txt, removed when it stops).

    .EXAMPLE
        BeforeAll {
            $emulator = Start-RedisPrivateLinkEmulator
            $emulator | Connect-RedisPrivateLink
        }
        AfterAll { $emulator | Stop-RedisPrivateLinkEmulator }

        A Pester test of your own script: one line starts the emulator, one connects the session to it.

    .EXAMPLE
        $emulator = Start-RedisPrivateLinkEmulator -TimeScale 0.01 -Port 8443
        Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.EmulatorConnectionFile

        An emulator on a chosen port whose operations take a hundredth of Azure's time.

    .EXAMPLE
        $hub = [guid]::NewGuid().ToString()
        $emulator = Start-RedisPrivateLinkEmulator -AdditionalSubscriptionId $hub

        An emulator with a second subscription, $hub, for a landing zone's private DNS zones.

    .LINK
        Stop-RedisPrivateLinkEmulator

    .LINK
        Connect-RedisPrivateLink
    #>
    [CmdletBinding()]
    [OutputType('RedisPrivateLink.Emulator')]
    param(
        [ValidateRange(0, 65535)]
        [int] $Port = 0,

        [ValidateRange(0.0, [double]::MaxValue)]
        [double] $TimeScale = 0.001,

        [guid[]] $AdditionalSubscriptionId = @()
    )

    $dotnet = Resolve-DotnetHost -Caller $PSCmdlet

    $directory = Join-Path ([IO.Path]::GetTempPath()) ('rpl-emulator-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $directory
    $connectionFile = Join-Path $directory 'connection.json'
    $standardError = Join-Path $directory 'stderr.txt'
    $arguments = @($script:EmulatorAssembly, '--port', $Port, '--connection-file', $connectionFile,
        '--time-scale', $TimeScale.ToString('R', [cultureinfo]::InvariantCulture), '--parent-pid', $PID)
    foreach ($subscription in $AdditionalSubscriptionId) { $arguments += '--additional-subscription', $subscription.ToString() }
    $startParameters = @{
        FilePath               = $dotnet
        # Start-Process joins its arguments with spaces, so each is quoted for paths that hold spaces.
        ArgumentList           = $arguments | ForEach-Object { '"{0}"' -f $_ }
        RedirectStandardOutput = Join-Path $directory 'stdout.txt'
        RedirectStandardError  = $standardError
        PassThru               = $true
    }
    # Windows would give the emulator a console window of its own; elsewhere there is none to hide (and no -WindowStyle).
    if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) { $startParameters.WindowStyle = 'Hidden' }
    $process = Start-Process @startParameters

    $emulator = [pscustomobject]@{
        PSTypeName             = 'RedisPrivateLink.Emulator'
        Endpoint               = $null
        EmulatorConnectionFile = $connectionFile
        SubscriptionId         = $null
        AdditionalSubscriptionId = [string[]]@($AdditionalSubscriptionId | ForEach-Object { $_.ToString() })
        TenantId               = $null
        CertificateThumbprint  = $null
        TimeScale              = $TimeScale
        ProcessId              = $process.Id
        Process                = $process
        Directory              = $directory
    }
    # Tracked from its first moment, so the session's end stops it even if Ctrl+C interrupts the wait below.
    $script:RunningEmulators.Add($emulator)
    $ready = $false
    try {
        $deadline = [DateTime]::UtcNow + $script:StartTimeout
        # The emulator writes its connection file (atomically) only once it listens: its presence means ready.
        while (-not (Test-Path -LiteralPath $connectionFile)) {
            if ($process.HasExited) {
                $PSCmdlet.ThrowTerminatingError((New-EmulatorErrorRecord -ErrorId EmulatorExited -Category OpenError -Target $emulator -Message (
                            "The emulator exited with code $($process.ExitCode) before it listened: " +
                            (Get-Content -Raw -LiteralPath $standardError -ErrorAction SilentlyContinue))))
            }
            if ([DateTime]::UtcNow -gt $deadline) {
                $PSCmdlet.ThrowTerminatingError((New-EmulatorErrorRecord -ErrorId EmulatorStartTimeout -Category OperationTimeout -Target $emulator -Message (
                            "The emulator did not listen within $($script:StartTimeout.TotalSeconds) seconds; its output is in '$directory'.")))
            }
            Start-Sleep -Milliseconds 100
        }

        $connection = Get-Content -Raw -LiteralPath $connectionFile | ConvertFrom-Json
        $emulator.Endpoint = $connection.endpoint
        $emulator.SubscriptionId = $connection.subscriptionId
        $emulator.TenantId = $connection.tenantId
        $emulator.CertificateThumbprint = $connection.certificateThumbprint
        $emulator.TimeScale = $connection.timeScale
        $ready = $true
        $emulator
    }
    finally {
        if (-not $ready) { Stop-EmulatorProcess $emulator }
    }
}

function Stop-RedisPrivateLinkEmulator {
    <#
    .SYNOPSIS
        Stops local ARM emulators that Start-RedisPrivateLinkEmulator started.

    .DESCRIPTION
        Stop-RedisPrivateLinkEmulator ends the emulator's process and removes its directory (connection file and
        output). Without -InputObject it stops every emulator this session started and has not stopped yet. Stopping
        an emulator that has already stopped does nothing. Disconnect-RedisPrivateLink first if the session is
        connected to it: the context would point at an endpoint that no longer answers.

    .PARAMETER InputObject
        The emulator to stop, as Start-RedisPrivateLinkEmulator returned it; from the pipeline too.

    .OUTPUTS
        None.

    .EXAMPLE
        $emulator | Stop-RedisPrivateLinkEmulator

        Stops the emulator in $emulator.

    .EXAMPLE
        Stop-RedisPrivateLinkEmulator

        Stops every emulator this session started.

    .LINK
        Start-RedisPrivateLinkEmulator
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [Parameter(ValueFromPipeline)]
        [PSTypeName('RedisPrivateLink.Emulator')]
        [psobject[]] $InputObject
    )

    process {
        $emulators = if ($PSBoundParameters.ContainsKey('InputObject')) { $InputObject } else { @($script:RunningEmulators) }
        foreach ($emulator in $emulators) {
            Write-Verbose "Stopping the emulator at $($emulator.Endpoint) (process $($emulator.ProcessId))."
            Stop-EmulatorProcess $emulator
        }
    }
}

# The end of the session (PowerShell exiting, or a host closing this runspace while its process goes on) stops the
# emulators left running. The action runs in a module of its own and, when a runspace closes, without its
# -MessageData, so it reaches this module by name. -SupportEvent keeps the subscription out of the user's
# Get-EventSubscriber and Get-Job, and returns nothing: ours is the newest one, since subscription ids only grow.
Register-EngineEvent -SourceIdentifier PowerShell.Exiting -SupportEvent -Action {
    foreach ($module in Get-Module RedisPrivateLink.Emulator) {
        & $module { foreach ($emulator in @($script:RunningEmulators)) { Stop-EmulatorProcess $emulator } }
    }
}
$script:ExitingSubscriptionId = (Get-EventSubscriber -Force -SourceIdentifier PowerShell.Exiting |
        Sort-Object SubscriptionId | Select-Object -Last 1).SubscriptionId

$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($emulator in @($script:RunningEmulators)) { Stop-EmulatorProcess $emulator }
    Unregister-Event -SubscriptionId $script:ExitingSubscriptionId -Force
}

Export-ModuleMember -Function Start-RedisPrivateLinkEmulator, Stop-RedisPrivateLinkEmulator
