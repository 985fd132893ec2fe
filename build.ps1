<#
.SYNOPSIS
    Builds, tests and demonstrates the RedisPrivateLink module.
.DESCRIPTION
    Run as `dotnet pwsh ./build.ps1 -Task <name>` after `dotnet tool restore`.
      Build  the module into out/RedisPrivateLink, the local ARM emulator into out/emulator and the emulator's own
             PowerShell module (Start-RedisPrivateLinkEmulator, with the emulator inside) into out/RedisPrivateLink.Emulator,
             then check that the help (en-US/RedisPrivateLink.dll-Help.xml) matches the cmdlets just built: fails on any
             difference in syntax or parameter metadata, and on a cmdlet or parameter without its hand-written description.
      UpdateHelp  Build the module, then rewrite the help's syntax and parameters sections from the cmdlets (after a
             parameter or cmdlet changed), keeping the hand-written text; it names what still needs a description.
      Test   Build, check formatting against .editorconfig (dotnet format --verify-no-changes), Package, then every
             xunit test, then the Pester suites on PowerShell 7.6 (.NET 10, dotnet pwsh) and on PowerShell 7.4 LTS
             (.NET 8, tests/PowerShell74Host), each in a fresh process against out/; ends with one line
             'N passed, N failed[, N skipped]' over all of them and exits non-zero if any failed or none ran.
      Demo   Build, start the emulator and run the module's main job against it.
      Package  Build, then out/package/RedisPrivateLink and out/package/RedisPrivateLink.Emulator (each module as a
             PowerShell repository publishes it, with its LICENSE, manifest checked by Test-ModuleManifest) and their
             .nupkg files in out/package/repository.
      Bench  Build, then the performance benchmarks (bench/Invoke-Benchmark.ps1, about 6 minutes): prints the figures
             beside their targets and writes them to bench/results.md. Not part of Test: tests never assert timings.
      Clean  Remove out/ and every bin/ and obj/.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'UpdateHelp', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'RedisPrivateLink'
$EmulatorOut = Join-Path $Out 'emulator'
$EmulatorModuleOut = Join-Path $Out 'RedisPrivateLink.Emulator'
$PackagesOut = Join-Path $Out 'packages'
$ResultsOut = Join-Path $Out 'test-results'
$PackageOut = Join-Path $Out 'package'
$PowerShell74Out = Join-Path $Out 'pwsh74'
$Solution = Join-Path $Root 'RedisPrivateLink.sln'
$HelpFile = Join-Path $Root 'en-US/RedisPrivateLink.dll-Help.xml'

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

# A fresh PowerShell of the same version as this one, so each suite starts without our assemblies loaded.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return 'dotnet', @((Join-Path $PSHOME 'pwsh.dll')) }
    return $process, @()
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $version = $props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ } | Select-Object -First 1
    if (-not $version) { throw 'Directory.Build.props has no <Version>.' }
    return $version
}

# The section of CHANGELOG.md for this version, for the manifest's ReleaseNotes.
function Get-ReleaseNotes([string] $Version) {
    $lines = Get-Content (Join-Path $Root 'CHANGELOG.md')
    $start = [array]::IndexOf($lines, "## $Version")
    if ($start -lt 0) { throw "CHANGELOG.md has no '## $Version' section." }
    $section = $lines[($start + 1)..($lines.Count - 1)] | ForEach-Object -Begin { $done = $false } -Process {
        if ($_ -like '## *') { $done = $true }
        if (-not $done) { $_ }
    }
    return ($section -join "`n").Trim()
}

function Build-Module {
    Write-Host "Building RedisPrivateLink ($Configuration)" -ForegroundColor Cyan
    Invoke-Native dotnet @('build', $Solution, '-c', $Configuration, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    $staging = Join-Path $Out 'staging'
    foreach ($dir in $ModuleOut, $EmulatorOut, $EmulatorModuleOut, $staging) {
        if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
    }

    $engine, $cmdlets, $loadContext = foreach ($project in 'RedisPrivateLink.Engine', 'RedisPrivateLink', 'RedisPrivateLink.LoadContext') {
        Publish-Project $project (Join-Path $staging $project)
    }
    $null = Publish-Project 'RedisPrivateLink.Emulator' $EmulatorOut

    # The engine and its dependencies go to Dependencies/, where only the module's own resolver looks; the cmdlet
    # assembly and the load context sit at the module's root, without the dependencies their publish copies too.
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'Dependencies')
    Get-ChildItem $engine -File | Where-Object Extension -in '.dll', '.pdb' | Copy-Item -Destination $dependencies
    foreach ($assembly in (Join-Path $cmdlets 'RedisPrivateLink'), (Join-Path $loadContext 'RedisPrivateLink.LoadContext')) {
        Copy-Item "$assembly.dll", "$assembly.pdb" $ModuleOut
    }
    Copy-Item (Join-Path $Root 'src/RedisPrivateLink/RedisPrivateLink.format.ps1xml') $ModuleOut
    Copy-Item -Recurse (Join-Path $Root 'en-US') $ModuleOut

    Write-StampedManifest (Join-Path $Root 'RedisPrivateLink.psd1') $ModuleOut

    # The emulator's own PowerShell module: its script and the published emulator, for users who install rather than clone.
    $emulatorModuleSource = Join-Path $Root 'src/RedisPrivateLink.Emulator.Module'
    $null = New-Item -ItemType Directory $EmulatorModuleOut
    Copy-Item (Join-Path $emulatorModuleSource 'RedisPrivateLink.Emulator.psm1') $EmulatorModuleOut
    # Only what 'dotnet RedisPrivateLink.Emulator.dll' reads: the package serves every platform, so not this one's
    # native launcher, nor the IIS web.config and static-assets manifest a web project publishes.
    $emulatorFiles = New-Item -ItemType Directory (Join-Path $EmulatorModuleOut 'emulator')
    Get-ChildItem $EmulatorOut -File |
        Where-Object { $_.Extension -in '.dll', '.pdb' -or $_.Name -like '*.deps.json' -or $_.Name -like '*.runtimeconfig.json' } |
        Copy-Item -Destination $emulatorFiles
    Write-StampedManifest (Join-Path $emulatorModuleSource 'RedisPrivateLink.Emulator.psd1') $EmulatorModuleOut

    Remove-Item -Recurse -Force $staging
    Write-Host "Module:   $ModuleOut" -ForegroundColor Green
    Write-Host "Emulator: $EmulatorOut" -ForegroundColor Green
    Write-Host "Emulator module: $EmulatorModuleOut" -ForegroundColor Green
}

# 'dotnet publish' of an already built project under src/, into a folder; returns the folder.
function Publish-Project([string] $Project, [string] $Destination) {
    Invoke-Native dotnet @('publish', (Join-Path $Root "src/$Project"), '-c', $Configuration, '--no-build', '-nologo', '-v', 'quiet', '-o', $Destination) | Out-Host
    return $Destination
}

# A manifest with this version and its release notes written in, into a module's output folder.
function Write-StampedManifest([string] $Source, [string] $Destination) {
    $version = Get-ModuleVersion
    $notes = (Get-ReleaseNotes $version) -replace "'", "''"
    $stamped = (Get-Content -Raw $Source) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    $stamped = $stamped.Replace("ReleaseNotes = ''", "ReleaseNotes = '$notes'")
    Set-Content -Path (Join-Path $Destination (Split-Path -Leaf $Source)) -Value $stamped -NoNewline
}

# PowerShell 7.4 LTS on .NET 8 (Azure Automation's PowerShell 7.4 runtime), self-contained, with the built-in modules
# of the PowerShell this build runs on copied beside it: the SDK package has no module manifests of its own.
function Install-PowerShell74Host {
    if (Test-Path $PowerShell74Out) { Remove-Item -Recurse -Force $PowerShell74Out }
    $runtime = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    Invoke-Native dotnet @('publish', (Join-Path $Root 'tests/PowerShell74Host'), '-c', $Configuration, '-r', $runtime,
        '-nologo', '-v', 'quiet', '-clp:ErrorsOnly', '-o', $PowerShell74Out)
    Copy-Item -Recurse (Join-Path $PSHOME 'Modules') (Join-Path $PowerShell74Out 'Modules')
    $executable = Join-Path $PowerShell74Out ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $version = & $executable -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()'
    if ($LASTEXITCODE -ne 0 -or $version -notlike '7.4.*') { throw "The PowerShell 7.4 test host did not start (it said '$version')." }
    return $executable
}

# tools/Update-HelpMetadata.ps1 in a fresh PowerShell, which imports the module just built: -Check only compares.
function Invoke-HelpMetadata([switch] $Check) {
    $pwsh, $pwshArgs = Get-PwshCommand
    $arguments = @($pwshArgs) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/Update-HelpMetadata.ps1'),
        '-ModulePath', $ModuleOut, '-HelpPath', $HelpFile)
    if ($Check) { $arguments += '-Check' }
    Invoke-Native $pwsh $arguments
}

# Every build checks the help against the cmdlets it has just built, so the two cannot drift apart.
function Build-ModuleAndCheckHelp {
    Build-Module
    Invoke-HelpMetadata -Check
}

function Invoke-UpdateHelp {
    Build-Module
    Invoke-HelpMetadata
    Copy-Item $HelpFile (Join-Path $ModuleOut 'en-US')
}

function Restore-TestPackages {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/TestPackages'), '--packages', $PackagesOut, '-nologo', '-v', 'quiet')
}

# tests/RedisPrivateLink.Connectivity.Tests runs a real redis-server with TLS on loopback; Debian's package has TLS.
function Install-TestPrerequisites {
    if (Get-Command redis-server -ErrorAction SilentlyContinue) { return }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        throw 'The connectivity tests need redis-server 6 or later built with TLS: install it (Debian/Ubuntu: apt-get install redis-server).'
    }
    Write-Host 'Installing redis-server for the connectivity tests' -ForegroundColor Cyan
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native apt-get @('update', '-qq')
    Invoke-Native apt-get @('install', '-y', '-qq', '--no-install-recommends', 'redis-server')
}

# Counts of one xunit project's run, read from its trx file.
function Read-TrxCounts([string] $Path) {
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    $counters = ([xml](Get-Content -Raw $Path)).TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.notExecuted
    }
}

# Starts tests/Pester/Invoke-PesterSuite.ps1 on one PowerShell, in the background, with its output going to a log.
function Start-PesterLeg([string] $Name, [string] $Command, [string[]] $Arguments) {
    $slug = $Name -replace '\W', ''
    $dataHome = New-Item -ItemType Directory -Force (Join-Path $ResultsOut "$slug-data")
    $leg = [pscustomobject]@{
        Name   = $Name
        Result = Join-Path $ResultsOut "pester-$slug.json"
        Log    = Join-Path $ResultsOut "pester-$slug.log"
        Errors = Join-Path $ResultsOut "pester-$slug.stderr.log"
        Process = $null
    }
    $suiteArguments = @($Arguments) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'),
        '-ModulePath', $ModuleOut, '-EmulatorPath', $EmulatorOut, '-PesterPath', (Join-Path $PackagesOut 'pester'),
        '-PackagesPath', $PackagesOut, '-ResultPath', $leg.Result)
    $previousDataHome = $env:XDG_DATA_HOME
    $env:XDG_DATA_HOME = $dataHome.FullName
    try {
        # Start-Process joins its arguments with spaces, so a path with a space is quoted here.
        $quoted = $suiteArguments | ForEach-Object { if ($_ -match '\s') { '"{0}"' -f $_ } else { $_ } }
        $leg.Process = Start-Process -FilePath $Command -ArgumentList $quoted -PassThru `
            -RedirectStandardOutput $leg.Log -RedirectStandardError $leg.Errors
    }
    finally {
        $env:XDG_DATA_HOME = $previousDataHome
    }
    Write-Host "Pester on $Name started in the background (log: $($leg.Log))" -ForegroundColor Cyan
    return $leg
}

# Waits for a Pester leg, prints its log and returns its counts; a leg that wrote no counts is one failure.
function Wait-PesterLeg($Leg) {
    $Leg.Process.WaitForExit()
    Write-Host "`nPester: tests/Pester on $($Leg.Name)" -ForegroundColor Cyan
    Get-Content $Leg.Log, $Leg.Errors | Write-Host
    if (-not (Test-Path $Leg.Result)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    $counts = Get-Content -Raw $Leg.Result | ConvertFrom-Json
    $failed = [int]$counts.Failed
    if ($Leg.Process.ExitCode -ne 0 -and $failed -eq 0) { $failed = 1 }
    return [pscustomobject]@{ Passed = [int]$counts.Passed; Failed = $failed; Skipped = [int]$counts.Skipped }
}

# The style .editorconfig sets (whitespace, usings, naming); a difference fails the run before any test, naming the
# file and line, and `dotnet format` in the repository fixes all but names.
function Test-Formatting {
    Write-Host 'Checking formatting (dotnet format --verify-no-changes)' -ForegroundColor Cyan
    Invoke-Native dotnet @('format', $Solution, '--verify-no-changes', '--no-restore', '-v', 'quiet')
}

function Invoke-Test {
    Build-ModuleAndCheckHelp
    Test-Formatting
    Invoke-Package
    Restore-TestPackages
    Install-TestPrerequisites
    $powerShell74 = Install-PowerShell74Host
    if (Test-Path $ResultsOut) { Remove-Item -Recurse -Force $ResultsOut }
    $null = New-Item -ItemType Directory $ResultsOut

    # The Pester legs spend most of their time waiting on the emulator's durations and on child PowerShells starting,
    # so they run beside the xunit projects; each has its own data folder, so their PSResourceGet repositories
    # (Package.Tests) never share a file. Their output is printed whole when they end.
    $pwsh, $pwshArgs = Get-PwshCommand
    $pesterLegs = @(
        Start-PesterLeg -Name 'PowerShell 7.6' -Command $pwsh -Arguments $pwshArgs
        Start-PesterLeg -Name 'PowerShell 7.4' -Command $powerShell74 -Arguments @()
    )

    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $testProjects = Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse
    foreach ($project in $testProjects) {
        Write-Host "`nxunit: $($project.BaseName)" -ForegroundColor Cyan
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $ResultsOut
        $counts = Read-TrxCounts (Join-Path $ResultsOut $trx)
        if ($LASTEXITCODE -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }
        foreach ($key in @($totals.Keys)) { $totals[$key] += $counts.$key }
    }

    foreach ($leg in $pesterLegs) {
        $counts = Wait-PesterLeg $leg
        foreach ($key in @($totals.Keys)) { $totals[$key] += $counts.$key }
    }

    $summary = "$($totals.Passed) passed, $($totals.Failed) failed"
    if ($totals.Skipped -gt 0) { $summary += ", $($totals.Skipped) skipped" }
    Write-Host ''
    Write-Output $summary
    if ($totals.Failed -gt 0 -or $totals.Passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Build-ModuleAndCheckHelp
    $pwsh, $pwshArgs = Get-PwshCommand
    & $pwsh @pwshArgs -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Demo.ps1') -ModulePath $ModuleOut -EmulatorPath $EmulatorOut
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# What a PowerShell repository receives: the module and, as a package of its own, the emulator module, each with
# the LICENSE and its manifest checked, and the .nupkg Publish-PSResource makes of each, published to a file repository
# registered only for the call.
function Invoke-Package {
    if (Test-Path $PackageOut) { Remove-Item -Recurse -Force $PackageOut }
    $repositoryDir = New-Item -ItemType Directory -Force (Join-Path $PackageOut 'repository')
    $repository = "RedisPrivateLink-package-$([guid]::NewGuid().ToString('N'))"
    Register-PSResourceRepository -Name $repository -Uri $repositoryDir.FullName -Trusted
    try {
        foreach ($built in $ModuleOut, $EmulatorModuleOut) {
            $name = Split-Path -Leaf $built
            $moduleDir = Join-Path $PackageOut $name
            Copy-Item -Recurse $built $moduleDir
            Copy-Item (Join-Path $Root 'LICENSE') $moduleDir
            $manifest = Test-ModuleManifest (Join-Path $moduleDir "$name.psd1")
            foreach ($field in 'Description', 'ProjectUri', 'LicenseUri', 'ReleaseNotes') {
                if (-not $manifest.$field) { throw "The packaged manifest of $name has no $field." }
            }
            Publish-PSResource -Path $moduleDir -Repository $repository -SkipDependenciesCheck
            Write-Host "Package:  $moduleDir" -ForegroundColor Green
        }
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }

    foreach ($nupkg in Get-ChildItem $repositoryDir -Filter *.nupkg) {
        Write-Host ("Nupkg:    {0} ({1:N0} KB)" -f $nupkg.FullName, ($nupkg.Length / 1KB)) -ForegroundColor Green
    }
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
}

function Invoke-Bench {
    Build-ModuleAndCheckHelp
    $pwsh, $pwshArgs = Get-PwshCommand
    & $pwsh @pwshArgs -NoProfile -NonInteractive -File (Join-Path $Root 'bench/Invoke-Benchmark.ps1') -ModulePath $ModuleOut -EmulatorPath $EmulatorOut `
        -ResultsPath (Join-Path $Root 'bench/results.md')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

switch ($Task) {
    'Build' { Build-ModuleAndCheckHelp }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Build-ModuleAndCheckHelp; Invoke-Package }
    'Bench' { Invoke-Bench }
    'UpdateHelp' { Invoke-UpdateHelp }
    'Clean' { Invoke-Clean }
}
