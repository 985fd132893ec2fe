<#
.SYNOPSIS
    Builds, tests and demonstrates the RedisPrivateLink module.
.DESCRIPTION
    Run as `dotnet pwsh ./build.ps1 -Task <name>` after `dotnet tool restore`.
      Build  the module into out/RedisPrivateLink, the local ARM emulator into out/emulator and the emulator's own
             PowerShell module (Start-RedisPrivateLinkEmulator, with the emulator inside) into out/RedisPrivateLink.Emulator.
      Test   Build and Package, then every xunit and Pester test, each suite in a fresh process against out/; ends with one
             line 'N passed, N failed[, N skipped]' over all of them and exits non-zero if any failed or none ran.
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
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Clean')]
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
$Solution = Join-Path $Root 'RedisPrivateLink.sln'

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

# A fresh PowerShell of the same version as this one, so each suite starts without our assemblies loaded.
function Get-PwshCommand {
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $pwshDll) { return 'dotnet', @($pwshDll) }
    return (Join-Path $PSHOME 'pwsh'), @()
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

function Invoke-Build {
    Write-Host "Building RedisPrivateLink ($Configuration)" -ForegroundColor Cyan
    Invoke-Native dotnet @('build', $Solution, '-c', $Configuration, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    $staging = Join-Path $Out 'staging'
    foreach ($dir in $ModuleOut, $EmulatorOut, $EmulatorModuleOut, $staging) {
        if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
    }

    # The engine and its dependencies go to Dependencies/, where only the module's own resolver looks.
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/RedisPrivateLink.Engine'), '-c', $Configuration,
        '--no-build', '-nologo', '-v', 'quiet', '-o', (Join-Path $staging 'engine'))
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/RedisPrivateLink.Emulator'), '-c', $Configuration,
        '--no-build', '-nologo', '-v', 'quiet', '-o', $EmulatorOut)

    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'Dependencies')
    Get-ChildItem (Join-Path $staging 'engine') -File |
        Where-Object { $_.Extension -in '.dll', '.pdb' -and $_.Name -ne 'System.Management.Automation.dll' } |
        Copy-Item -Destination $dependencies

    $cmdletBin = Join-Path $Root "src/RedisPrivateLink/bin/$Configuration/netstandard2.0"
    $loadContextBin = Join-Path $Root "src/RedisPrivateLink.LoadContext/bin/$Configuration/net8.0"
    Copy-Item (Join-Path $cmdletBin 'RedisPrivateLink.dll'), (Join-Path $cmdletBin 'RedisPrivateLink.pdb') $ModuleOut
    Copy-Item (Join-Path $loadContextBin 'RedisPrivateLink.LoadContext.dll'), (Join-Path $loadContextBin 'RedisPrivateLink.LoadContext.pdb') $ModuleOut
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

# A manifest with this version and its release notes written in, into a module's output folder.
function Write-StampedManifest([string] $Source, [string] $Destination) {
    $version = Get-ModuleVersion
    $notes = (Get-ReleaseNotes $version) -replace "'", "''"
    $stamped = (Get-Content -Raw $Source) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    $stamped = $stamped.Replace("ReleaseNotes = ''", "ReleaseNotes = '$notes'")
    Set-Content -Path (Join-Path $Destination (Split-Path -Leaf $Source)) -Value $stamped -NoNewline
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

function Invoke-Test {
    Invoke-Build
    Invoke-Package
    Restore-TestPackages
    Install-TestPrerequisites
    if (Test-Path $ResultsOut) { Remove-Item -Recurse -Force $ResultsOut }
    $null = New-Item -ItemType Directory $ResultsOut

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

    Write-Host "`nPester: tests/Pester" -ForegroundColor Cyan
    $pesterResult = Join-Path $ResultsOut 'pester.json'
    $pwsh, $pwshArgs = Get-PwshCommand
    & $pwsh @pwshArgs -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1') `
        -ModulePath $ModuleOut -EmulatorPath $EmulatorOut -PesterPath (Join-Path $PackagesOut 'pester') `
        -PackagesPath $PackagesOut -ResultPath $pesterResult
    $pesterExit = $LASTEXITCODE
    if (Test-Path $pesterResult) {
        $counts = Get-Content -Raw $pesterResult | ConvertFrom-Json
        foreach ($key in @($totals.Keys)) { $totals[$key] += [int]$counts.$key }
        if ($pesterExit -ne 0 -and $counts.Failed -eq 0) { $totals.Failed += 1 }
    }
    else {
        $totals.Failed += 1
    }

    $summary = "$($totals.Passed) passed, $($totals.Failed) failed"
    if ($totals.Skipped -gt 0) { $summary += ", $($totals.Skipped) skipped" }
    Write-Host ''
    Write-Output $summary
    if ($totals.Failed -gt 0 -or $totals.Passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
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
    Invoke-Build
    $pwsh, $pwshArgs = Get-PwshCommand
    & $pwsh @pwshArgs -NoProfile -NonInteractive -File (Join-Path $Root 'bench/Invoke-Benchmark.ps1') -ModulePath $ModuleOut -EmulatorPath $EmulatorOut `
        -ResultsPath (Join-Path $Root 'bench/results.md')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Build; Invoke-Package }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
