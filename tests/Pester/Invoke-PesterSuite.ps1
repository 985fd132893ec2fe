<#
.SYNOPSIS
    Runs every tests/Pester/*.Tests.ps1 against the built module and writes the counts as JSON for build.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $PackagesPath,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
# Colour escapes would end up in messages, which the NUnit report cannot hold.
$PSStyle.OutputRendering = 'PlainText'
$pesterManifest = Get-ChildItem -Path $PesterPath -Filter Pester.psd1 -Recurse | Select-Object -First 1
if (-not $pesterManifest) { throw "Pester was not restored under '$PesterPath'." }
Import-Module $pesterManifest.FullName -Force

# The test files read these to find what they test; they start their own emulator and child sessions.
$env:RPL_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:RPL_TEST_EMULATOR = (Resolve-Path $EmulatorPath).Path
$env:RPL_TEST_PACKAGES = (Resolve-Path $PackagesPath).Path

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')

$result = Invoke-Pester -Configuration $configuration
# Containers that failed to run (a broken BeforeAll, a parse error) count as failures, not as nothing.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[ordered]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $ResultPath
if ($failed -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
