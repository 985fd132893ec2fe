<#
.SYNOPSIS
    The performance benchmarks of issue #6, against the built module (out/RedisPrivateLink) and emulator (out/emulator).
.DESCRIPTION
    Run through `dotnet pwsh ./build.ps1 -Task Bench`. Prints a table of every figure beside its target and writes it,
    with the machine and date, to bench/results.md. Ratios are measured within one run, so a slow machine slows both
    sides of each. Nothing here is a test: no figure fails the build.
      Import  module import against a bare PowerShell start (median of -ImportRuns each, interleaved).
      Cache   New-RedisPrivateCache with a new VNet and DNS zone, emulator at Azure's pace scaled 1/60 (a 20-minute cache
              create takes 20 s), against the plan's critical path and the same plan run one step at a time.
      Fleet   -FleetSize caches piped into Set-RedisPublicNetworkAccess and -EndpointFleetSize into
              Add-RedisPrivateEndpoint, against the emulator's token buckets (reads 250 + 25/s, writes 200 + 10/s).
      Audit   Get-RedisPrivateCache over a subscription of each of -AuditSize caches: requests and peak working set.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/RedisPrivateLink'),
    [string] $EmulatorPath = (Join-Path $PSScriptRoot '../out/emulator'),
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'results.md'),
    [int] $ImportRuns = 10,
    [int] $FleetSize = 500,
    [int] $EndpointFleetSize = 100,
    [int[]] $AuditSize = @(500, 2000),

    [ValidateSet('Import', 'Cache', 'Fleet', 'Audit')]
    [string[]] $Benchmark = @('Import', 'Cache', 'Fleet', 'Audit')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
$EmulatorPath = (Resolve-Path $EmulatorPath).Path

# Azure's pace scaled so that a 20-minute cache create takes 20 s; network and DNS operations keep their recorded ratio.
$AzureScale = 1.0 / 60
$ThrottleLimit = 10
$Rows = [System.Collections.Generic.List[object]]::new()
$Notes = [System.Collections.Generic.List[string]]::new()

function Add-Row([string] $Benchmark, [string] $Target, [string] $Measured, $Met) {
    $Rows.Add([pscustomobject]@{ Benchmark = $Benchmark; Target = $Target; Measured = $Measured; Met = if ($null -eq $Met) { '—' } elseif ($Met) { 'yes' } else { 'NO' } })
    Write-Host ("  {0}: {1} (target {2})" -f $Benchmark, $Measured, $Target)
}

function Format-Seconds([double] $Seconds) { '{0:0.00} s' -f $Seconds }

# A fresh PowerShell of the same version as this one.
function Get-PwshCommand {
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $pwshDll) { return 'dotnet', @($pwshDll) }
    return (Join-Path $PSHOME 'pwsh'), @()
}

# Runs $Command in a fresh PowerShell and returns what it printed; a failed run stops the benchmark.
function Invoke-Pwsh([string] $Command) {
    $exe, $prefix = Get-PwshCommand
    $output = & $exe @prefix -NoProfile -NonInteractive -c $Command
    if ($LASTEXITCODE -ne 0) { throw "pwsh -c '$Command' failed with exit code $LASTEXITCODE." }
    $output
}

function Measure-Pwsh([string] $Command) {
    $stopwatch = [Diagnostics.Stopwatch]::StartNew()
    $null = Invoke-Pwsh $Command
    $stopwatch.Elapsed.TotalMilliseconds
}

# Import-Module alone, timed inside a fresh PowerShell: the module's own cost without the process start's noise.
function Measure-ImportInProcess([string] $Manifest) {
    $elapsed = Invoke-Pwsh "`$stopwatch = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$Manifest'; `$stopwatch.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)"
    [double]::Parse(@($elapsed)[-1], [cultureinfo]::InvariantCulture)
}

# The smallest binary module (bench/FloorModule: one cmdlet and a manifest), built beside the results: importing it
# is what PowerShell itself costs for any binary module, the floor under our figure.
function Build-FloorModule {
    $out = Join-Path ([IO.Path]::GetTempPath()) "rpl-bench-floor-$PID"
    $project = Join-Path $PSScriptRoot 'FloorModule'
    $null = & dotnet build $project -c Release -o $out -nologo -v quiet
    if ($LASTEXITCODE -ne 0) { throw "Building $project failed." }
    Copy-Item (Join-Path $project 'Floor*.psd1'), (Join-Path $project 'Floor*.format.ps1xml') $out
    $out
}

function Invoke-ImportBenchmark {
    Write-Host 'Import' -ForegroundColor Cyan
    $import = "Import-Module '$ModulePath'; Get-Command -Module RedisPrivateLink"
    $floorDirectory = Build-FloorModule
    $floorManifest = Join-Path $floorDirectory 'FloorModule.psd1'
    $formattedManifest = Join-Path $floorDirectory 'FloorFormatted.psd1'
    $floorImport = "Import-Module '$floorManifest'; Get-Command -Module FloorModule"
    # Listing a command that is already loaded, with no import: what the measured command's Get-Command costs alone.
    $listOnly = 'Get-Command -Name Get-Command'
    foreach ($command in 'exit', $import, $floorImport, $listOnly) { $null = Measure-Pwsh $command }   # warm the disk cache
    $bare = @(); $loaded = @(); $floor = @(); $listed = @()
    $ownInProcess = @(); $floorInProcess = @(); $formattedInProcess = @()
    for ($i = 0; $i -lt $ImportRuns; $i++) {
        $bare += Measure-Pwsh 'exit'
        $loaded += Measure-Pwsh $import
        $floor += Measure-Pwsh $floorImport
        $listed += Measure-Pwsh $listOnly
        $ownInProcess += Measure-ImportInProcess $ModulePath
        $floorInProcess += Measure-ImportInProcess $floorManifest
        $formattedInProcess += Measure-ImportInProcess $formattedManifest
    }
    Remove-Item -Recurse -Force $floorDirectory
    $ratio = (Get-Median $loaded) / (Get-Median $bare)
    $floorRatio = (Get-Median $floor) / (Get-Median $bare)
    $listedRatio = (Get-Median $listed) / (Get-Median $bare)
    # What importing loads of ours and of Azure's: the engine and Azure.* must wait for the first cmdlet that needs them.
    $assemblies = Invoke-Pwsh ("$import | Out-Null; " +
        '[AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { $_ -like ''RedisPrivateLink*'' -or $_ -like ''Azure*'' } | Sort-Object')
    $Notes.Add("Import: assemblies loaded by ``Import-Module; Get-Command -Module``: $($assemblies -join ', ') (no engine, no Azure.*, no network).")
    Add-Row "Import: ``Import-Module; Get-Command -Module`` vs bare ``pwsh -c exit`` (median of $ImportRuns)" '≤ 1.25×' `
        ('{0:0.00}× ({1:0} ms vs {2:0} ms)' -f $ratio, (Get-Median $loaded), (Get-Median $bare)) ($ratio -le 1.25)
    Add-Row "Import: the same for a one-cmdlet binary module (bench/FloorModule), PowerShell's own floor" '—' `
        ('{0:0.00}× ({1:0} ms); RedisPrivateLink adds {2:0} ms to it' -f $floorRatio, (Get-Median $floor), ((Get-Median $loaded) - (Get-Median $floor))) $null
    Add-Row "Import: ``Import-Module`` alone, timed inside PowerShell: one-cmdlet module, the same with a one-view format file, RedisPrivateLink" '—' `
        ('{0:0} ms, {1:0} ms, {2:0} ms' -f (Get-Median $floorInProcess), (Get-Median $formattedInProcess), (Get-Median $ownInProcess)) $null
    Add-Row "Import: no module at all, only ``Get-Command -Name Get-Command`` printed" '—' `
        ('{0:0.00}× ({1:0} ms)' -f $listedRatio, (Get-Median $listed)) $null
}

function Get-CounterSnapshot($Gateway) {
    $c = $Gateway.Counters
    [pscustomobject]@{ Writes = $c.Writes; Reads = $c.Reads; Polls = $c.Polls; Deletes = $c.Deletes; Throttled = $c.Throttled }
}

# The longest chain of dependent steps, each weighed by how long it took.
function Get-CriticalPath($Steps) {
    $finish = @{}
    foreach ($result in $Steps) {
        $start = 0.0
        foreach ($dependency in $result.Step.DependsOn) { if ($finish.ContainsKey($dependency)) { $start = [math]::Max($start, $finish[$dependency]) } }
        $finish[$result.Step.Key] = $start + $result.Duration.TotalSeconds
    }
    ($finish.Values | Measure-Object -Maximum).Maximum
}

function Invoke-CacheBenchmark {
    Write-Host 'One cache, end to end' -ForegroundColor Cyan
    $emulator = Start-BenchEmulator -EmulatorPath $EmulatorPath -TimeScale $AzureScale
    try {
        $context = Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile
        $gateway = $context.GetArmGateway()

        $before = Get-CounterSnapshot $gateway
        $stopwatch = [Diagnostics.Stopwatch]::StartNew()
        $cache = New-RedisPrivateCache -Name bench-e2e -ResourceGroupName rg-e2e -Location eastus -VirtualNetworkName vnet-e2e `
            -AddressPrefix 10.1.0.0/16 -SubnetName endpoints -SubnetPrefix 10.1.1.0/24 -Confirm:$false -WarningAction SilentlyContinue
        $wall = $stopwatch.Elapsed.TotalSeconds
        $after = Get-CounterSnapshot $gateway
        if (-not $cache.PrivateIpAddresses) { throw 'New-RedisPrivateCache returned a cache without a private address.' }

        # The same plan for a twin cache, run one step at a time through the engine the module loaded.
        $engine = $context.GetType().Assembly
        $request = [Activator]::CreateInstance($engine.GetType('RedisPrivateLink.Engine.Workflows.NewPrivateCacheRequest'))
        $request.Name = 'bench-e2e-seq'; $request.ResourceGroupName = 'rg-e2e-seq'; $request.Location = 'eastus'
        $request.VirtualNetworkName = 'vnet-e2e-seq'; $request.AddressPrefix = [string[]]@('10.2.0.0/16')
        $request.SubnetName = 'endpoints'; $request.SubnetPrefix = '10.2.1.0/24'
        $workflow = $engine.GetType('RedisPrivateLink.Engine.Workflows.NewPrivateCacheWorkflow')
        $executor = $engine.GetType('RedisPrivateLink.Engine.Plans.PlanExecutor')
        $options = [Activator]::CreateInstance($engine.GetType('RedisPrivateLink.Engine.Plans.PlanRunOptions'))
        $options.MaxConcurrency = 1
        $stopwatch.Restart()
        $prepared = $workflow::PrepareAsync($context, $request, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $result = $executor::RunAsync($prepared.Plan, $options, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $sequential = $stopwatch.Elapsed.TotalSeconds
        $critical = Get-CriticalPath $result.Steps
        $sum = ($result.Steps | ForEach-Object { $_.Duration.TotalSeconds } | Measure-Object -Sum).Sum

        $steps = ($result.Steps | ForEach-Object { '{0} {1:0.00} s' -f (($_.Step.Target -split '/')[-2..-1] -join '/'), $_.Duration.TotalSeconds }) -join '; '
        $Notes.Add("One cache: the plan's steps run one at a time (the cache step reads the cache once per service poll interval: 15 s on Azure, scaled like the emulator's durations): $steps.")
        Add-Row 'One cache: New-RedisPrivateCache wall time vs the plan''s critical path' '≤ 1.05×' `
            ('{0:0.000}× ({1} vs {2})' -f ($wall / $critical), (Format-Seconds $wall), (Format-Seconds $critical)) ($wall / $critical -le 1.05)
        # The same chain at the emulator's own durations: cache create 20 min, endpoint 30 s, zone group 10 s, scaled.
        $ideal = (20 * 60 + 30 + 10) * $AzureScale
        Add-Row 'One cache: wall time vs the emulator''s durations along that chain (cache, endpoint, zone group)' '≤ 1.05×' `
            ('{0:0.000}× ({1} vs {2})' -f ($wall / $ideal), (Format-Seconds $wall), (Format-Seconds $ideal)) ($wall / $ideal -le 1.05)
        Add-Row 'One cache: the same plan one step at a time (sum of its steps)' 'the sum' `
            ('{0} (steps sum to {1})' -f (Format-Seconds $sequential), (Format-Seconds $sum)) $null
        Add-Row 'One cache: ARM requests of New-RedisPrivateCache' 'polls follow Retry-After or a default, no fixed sleeps' `
            ('{0} writes, {1} reads, {2} polls, {3} throttled' -f ($after.Writes - $before.Writes), ($after.Reads - $before.Reads), ($after.Polls - $before.Polls), ($after.Throttled - $before.Throttled)) $null
        Disconnect-RedisPrivateLink
    }
    finally {
        Stop-BenchEmulator $emulator
    }
}

# Waits until the emulator's token buckets are full again (it refills in real time), so each measured run starts from
# the budget the bound assumes.
function Wait-BucketsFull { Start-Sleep -Seconds 21 }

# What ARM's buckets allow at the least: the time to spend the requests beyond each burst at its refill rate.
function Get-ThrottleBound($Count) {
    [math]::Max(0, [math]::Max(($Count.Reads + $Count.Polls - 250) / 25, ($Count.Writes - 200) / 10))
}

function Invoke-FleetBenchmark {
    Write-Host "Fleet: $FleetSize caches" -ForegroundColor Cyan
    $emulator = Start-BenchEmulator -EmulatorPath $EmulatorPath -TimeScale $AzureScale
    try {
        $sub = $emulator.SubscriptionId
        $rg = "/subscriptions/$sub/resourceGroups/rg-fleet"
        $zone = 'privatelink.redis.cache.windows.net'
        $vnetId = "$rg/providers/Microsoft.Network/virtualNetworks/vnet-fleet"
        Invoke-BenchSeed $emulator @(@{ Path = $rg; ApiVersion = '2021-04-01'; Body = @{ location = 'eastus' } })
        Invoke-BenchSeed $emulator @(
            @{ Path = $vnetId; ApiVersion = '2024-05-01'; Body = @{ location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.90.0.0/16') }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = '10.90.0.0/24' } }) } } }
            @{ Path = "$rg/providers/Microsoft.Network/privateDnsZones/$zone"; ApiVersion = '2024-06-01'; Body = @{ location = 'global' } })
        Wait-BenchProvisioned $emulator "$rg/providers/Microsoft.Network/privateDnsZones" '2024-06-01' 1
        Invoke-BenchSeed $emulator @(@{ Path = "$rg/providers/Microsoft.Network/privateDnsZones/$zone/virtualNetworkLinks/vnet-fleet"; ApiVersion = '2024-06-01'
                Body = @{ location = 'global'; properties = @{ virtualNetwork = @{ id = $vnetId }; registrationEnabled = $false } } })
        $names = 1..$FleetSize | ForEach-Object { 'bench-fleet-{0:0000}' -f $_ }
        Invoke-BenchSeed $emulator @($names | ForEach-Object {
                @{ Path = "$rg/providers/Microsoft.Cache/redis/$_"; ApiVersion = '2024-11-01'; Body = @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } } }
            })
        Wait-BenchProvisioned $emulator "$rg/providers/Microsoft.Cache/redis" '2024-11-01' $FleetSize
        Wait-BenchProvisioned $emulator "$rg/providers/Microsoft.Network/privateDnsZones/$zone/virtualNetworkLinks" '2024-06-01' 1

        $null = Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile
        $caches = @(Get-RedisPrivateCache -ResourceGroupName rg-fleet | Sort-Object Name)

        # Add-RedisPrivateEndpoint: one endpoint (and zone group) per cache, in the shared subnet.
        $piped = $caches[0..($EndpointFleetSize - 1)]
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $errors = @()
        $stopwatch = [Diagnostics.Stopwatch]::StartNew()
        $added = @($piped | Add-RedisPrivateEndpoint -SubnetId "$vnetId/subnets/endpoints" -ThrottleLimit $ThrottleLimit -Confirm:$false `
                -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable errors)
        $wall = $stopwatch.Elapsed.TotalSeconds
        $count = Get-BenchRequestCount $emulator
        $connected = @($piped | Where-Object { (Invoke-BenchArm $emulator "$($_.Id)/privateEndpointConnections" -ApiVersion '2024-11-01').Body.value |
                    Where-Object { $_.properties.privateLinkServiceConnectionState.status -eq 'Approved' } })
        # An endpoint and then its zone group, one after the other, for each cache.
        $latency = [math]::Ceiling($EndpointFleetSize / $ThrottleLimit) * (30 + 10) * $AzureScale
        Add-FleetRows 'Add-RedisPrivateEndpoint' $EndpointFleetSize $wall $count $latency $errors `
            ($added.Id -join ',') ($piped.Id -join ',') $connected.Count

        # Set-RedisPublicNetworkAccess: every cache made private (-Force for those without an endpoint).
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $errors = @()
        $stopwatch.Restart()
        $set = @($caches | Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -ThrottleLimit $ThrottleLimit -Confirm:$false `
                -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable errors)
        $wall = $stopwatch.Elapsed.TotalSeconds
        $count = Get-BenchRequestCount $emulator
        $list = Invoke-BenchArm $emulator "$rg/providers/Microsoft.Cache/redis" -ApiVersion '2024-11-01'
        $disabled = 0
        $page = $list
        while ($true) {
            $disabled += @($page.Body.value | Where-Object { $_.properties.publicNetworkAccess -eq 'Disabled' }).Count
            if (-not ($page.Body.PSObject.Properties['nextLink'] -and $page.Body.nextLink)) { break }
            $page = Invoke-BenchArm $emulator ([uri]$page.Body.nextLink).PathAndQuery
        }
        # The PATCH applies in Azure's 90 s (scaled), one wave of -ThrottleLimit caches after another.
        $latency = [math]::Ceiling($FleetSize / $ThrottleLimit) * 90 * $AzureScale
        Add-FleetRows 'Set-RedisPublicNetworkAccess' $FleetSize $wall $count $latency $errors ($set.Id -join ',') ($caches.Id -join ',') $disabled
        Disconnect-RedisPrivateLink
    }
    finally {
        Stop-BenchEmulator $emulator
    }
}

function Add-FleetRows([string] $Cmdlet, [int] $Size, [double] $Wall, $Count, [double] $LatencyBound, $Errors, [string] $OutputOrder, [string] $InputOrder, [int] $InState) {
    $throttleBound = Get-ThrottleBound $Count
    $bound = [math]::Max($throttleBound, $LatencyBound)
    $ratio = $Wall / $bound
    $userThrottled = @($Errors | Where-Object { $_.FullyQualifiedErrorId -like 'SubscriptionRequestsThrottled*' -or "$($_.Exception.Message)" -match '429' }).Count
    Add-Row "Fleet: $Size caches | $Cmdlet -ThrottleLimit $ThrottleLimit, wall time vs bound" '≤ 1.1×' `
        ('{0:0.00}× ({1} vs bound {2}: throttle {3}, latency {4})' -f $ratio, (Format-Seconds $Wall), (Format-Seconds $bound), (Format-Seconds $throttleBound), (Format-Seconds $LatencyBound)) ($ratio -le 1.1)
    Add-Row "Fleet: $Size caches | $Cmdlet, ARM requests" '—' `
        ('{0} writes, {1} reads, {2} polls; {3} answered 429 by the emulator' -f $Count.Writes, $Count.Reads, $Count.Polls, $Count.Throttled) $null
    Add-Row "Fleet: $Size caches | $Cmdlet, caches in the requested state" "all $Size" "$InState of $Size" ($InState -eq $Size)
    Add-Row "Fleet: $Size caches | $Cmdlet, errors (429s) reaching the user" 'none' ('{0} errors, {1} of them throttling' -f @($Errors).Count, $userThrottled) (@($Errors).Count -eq 0)
    Add-Row "Fleet: $Size caches | $Cmdlet, output order" 'input order' $(if ($OutputOrder -eq $InputOrder) { 'input order' } else { 'differs' }) ($OutputOrder -eq $InputOrder)
}

function Invoke-AuditBenchmark {
    Write-Host 'Audit' -ForegroundColor Cyan
    # Request counts and memory, not pace: no throttling, and caches provision almost at once.
    $emulator = Start-BenchEmulator -EmulatorPath $EmulatorPath -TimeScale 0.0001 -ExtraArgument '--no-throttling'
    try {
        $sub = $emulator.SubscriptionId
        $seeded = 0
        foreach ($size in $AuditSize | Sort-Object) {
            $groups = 1..10 | ForEach-Object { "/subscriptions/$sub/resourceGroups/rg-audit-$_" }
            Invoke-BenchSeed $emulator @($groups | ForEach-Object { @{ Path = $_; ApiVersion = '2021-04-01'; Body = @{ location = 'eastus' } } })
            Invoke-BenchSeed $emulator @(($seeded + 1)..$size | ForEach-Object {
                    @{ Path = "$($groups[$_ % 10])/providers/Microsoft.Cache/redis/bench-audit-$_"; ApiVersion = '2024-11-01'; Body = @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 } } } }
                })
            $seeded = $size
            Wait-BenchProvisioned $emulator "/subscriptions/$sub/providers/Microsoft.Cache/redis" '2024-11-01' $size

            # In a fresh process, so its peak working set is the audit's alone.
            $exe, $prefix = Get-PwshCommand
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$context = Connect-RedisPrivateLink -EmulatorConnectionFile '$($emulator.ConnectionFile)'
`$before = `$context.GetArmGateway().Counters.Total
`$stopwatch = [Diagnostics.Stopwatch]::StartNew()
`$count = 0
Get-RedisPrivateCache | ForEach-Object { `$count++ }
`$seconds = `$stopwatch.Elapsed.TotalSeconds
[GC]::Collect()
[pscustomobject]@{ Count = `$count; Requests = `$context.GetArmGateway().Counters.Total - `$before; Seconds = `$seconds
    PeakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress
"@
            $json = & $exe @prefix -NoProfile -NonInteractive -c $script
            if ($LASTEXITCODE -ne 0) { throw "The audit of $size caches failed: $json" }
            $audit = $json | Select-Object -Last 1 | ConvertFrom-Json
            Add-Row "Audit: Get-RedisPrivateCache over $size caches, ARM requests" 'a handful, not one per cache' `
                ('{0} requests for {1} caches ({2})' -f $audit.Requests, $audit.Count, (Format-Seconds $audit.Seconds)) ($audit.Count -eq $size -and $audit.Requests -lt $size / 20)
            Add-Row "Audit: Get-RedisPrivateCache over $size caches, peak working set" 'flat as the fleet grows' ('{0:0} MB' -f $audit.PeakMB) $null
        }
    }
    finally {
        Stop-BenchEmulator $emulator
    }
}

Import-Module $ModulePath
$started = Get-Date
foreach ($name in $Benchmark) {
    try {
        & "Invoke-$($name)Benchmark"
    }
    catch {
        Add-Row $name 'runs' "failed: $($_.Exception.Message) ($($_.InvocationInfo.PositionMessage -replace '\s+', ' '))" $false
    }
}

$cpu = if (Test-Path /proc/cpuinfo) { ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':\s*', 2)[1] } else { $env:PROCESSOR_IDENTIFIER }
$machine = '{0}, {1} logical cores, {2}, .NET {3}, PowerShell {4}' -f $cpu, [Environment]::ProcessorCount, [Runtime.InteropServices.RuntimeInformation]::OSDescription,
    [Environment]::Version, $PSVersionTable.PSVersion
$lines = @(
    '# Benchmark results'
    ''
    "Machine: $machine"
    ''
    "Date: $($started.ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC, $([math]::Round(((Get-Date) - $started).TotalMinutes, 1)) minutes. Reproduce: ``dotnet pwsh ./build.ps1 -Task Bench``."
    ''
    '| Benchmark | Target | Measured | Met |'
    '|---|---|---|---|'
    $Rows | ForEach-Object { "| $($_.Benchmark) | $($_.Target) | $($_.Measured) | $($_.Met) |" }
    ''
    $Notes | ForEach-Object { "- $_" }
)
Set-Content -Path $ResultsPath -Value $lines -Encoding utf8
$lines | Out-Host
Write-Host "Results: $ResultsPath" -ForegroundColor Green
