<#
.SYNOPSIS
    The performance benchmarks of issue #6, against the built module (out/RedisPrivateLink) and emulator (out/emulator).
.DESCRIPTION
    Run through `dotnet pwsh ./build.ps1 -Task Bench`. Prints a table of every figure beside its target and writes it,
    with the machine and date, to bench/results.md. Ratios are measured within one run, so a slow machine slows both
    sides of each. Nothing here is a test: no figure fails the build.
      Import  module import against a bare PowerShell start (median of -ImportRuns each, interleaved).
      Cache   New-RedisPrivateCache with a new VNet and DNS zone, emulator at Azure's pace scaled 1/60 (a 20-minute cache
              create takes 20 s), against the emulator's durations along the plan's longest chain.
      Fleet   -FleetSize caches piped into Set-RedisPublicNetworkAccess and -EndpointFleetSize into
              Add-RedisPrivateEndpoint, as a user runs them (default -ThrottleLimit), against their floor: what ARM's
              published limits and the operations' durations allow for the writes each job cannot avoid. Set- also
              against its peer, bench/Peer-PublicNetworkAccess.ps1 (Invoke-RestMethod in a loop, and with
              ForEach-Object -Parallel -ThrottleLimit 10), on the same emulator.
      Audit   Get-RedisPrivateCache over a subscription of each of -AuditSize caches: requests and peak working set.
      Subscriptions
              -SubscriptionFleetSize caches spread evenly over -SubscriptionCount subscriptions, through
              `Get-RedisPrivateCache -Subscription * | Set-RedisPublicNetworkAccess`, against the floor of that many
              write buckets in parallel. `-Benchmark Subscriptions` runs it alone.
      Graph   Get-RedisPrivateCache -UseResourceGraph over each of -GraphSize caches spread over -GraphSubscriptions
              subscriptions (seeded by the emulator's POST /_emulator/seed), with Resource Graph's default quota of 15
              queries per 5 s: requests, wall time and peak working set. -Benchmark Graph runs it alone.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/RedisPrivateLink'),
    [string] $EmulatorPath = (Join-Path $PSScriptRoot '../out/emulator'),
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'results.md'),
    [int] $ImportRuns = 10,
    [int] $FleetSize = 500,
    [int] $EndpointFleetSize = 100,
    # The loop peer changes one cache after another, so its time grows with the fleet in proportion: it runs on this
    # many caches and is scaled to -FleetSize.
    [int] $PeerLoopSample = 20,
    [int[]] $AuditSize = @(500, 2000),
    [int] $SubscriptionFleetSize = 1000,
    [int] $SubscriptionCount = 10,

    # Resource Graph: caches over -GraphSubscriptions subscriptions, each size in a fresh emulator.
    [int[]] $GraphSize = @(2000, 20000),
    [int] $GraphSubscriptions = 200,

    # Fleet runs both fleet jobs; AddFleet and SetFleet run one of them (with its peers), on a fleet seeded for it alone.
    [ValidateSet('Import', 'Cache', 'Fleet', 'AddFleet', 'SetFleet', 'Audit', 'Subscriptions', 'Graph')]
    [string[]] $Benchmark = @('Import', 'Cache', 'Fleet', 'Audit', 'Subscriptions', 'Graph')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path
$EmulatorPath = (Resolve-Path $EmulatorPath).Path

# Azure's pace scaled so that a 20-minute cache create takes 20 s; network and DNS operations keep their recorded ratio.
$AzureScale = 1.0 / 60
# ARM's published per-subscription token buckets ("Understand how Azure Resource Manager throttles requests",
# learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling): the emulator is started
# with them, and the fleet floors are computed from them.
$ArmBuckets = @{ Reads = @{ Burst = 250; PerSecond = 25 }; Writes = @{ Burst = 200; PerSecond = 10 }; Deletes = @{ Burst = 200; PerSecond = 10 } }
# The emulator's durations at Azure's pace (src/RedisPrivateLink.Emulator/Providers/ResourceTypeCatalog.cs, from the
# recordings), in seconds, before the time scale.
$AzureSeconds = @{ CacheCreate = 20 * 60; CacheUpdate = 90; EndpointCreate = 30; ZoneGroupCreate = 10; VNetLinkCreate = 30 }
$PeerThrottleLimit = 10
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

function Invoke-CacheBenchmark {
    Write-Host 'One cache, end to end' -ForegroundColor Cyan
    $emulator = Start-BenchEmulator -EmulatorPath $EmulatorPath -TimeScale $AzureScale -ExtraArgument (Get-BucketArgument)
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
        $sum = ($result.Steps | ForEach-Object { $_.Duration.TotalSeconds } | Measure-Object -Sum).Sum

        $steps = ($result.Steps | ForEach-Object { '{0} {1:0.00} s' -f (($_.Step.Target -split '/')[-2..-1] -join '/'), $_.Duration.TotalSeconds }) -join '; '
        $Notes.Add("One cache: the plan's steps run one at a time (the cache step reads the cache once per service poll interval: 15 s on Azure, scaled like the emulator's durations): $steps.")
        # The plan's longest chain at the emulator's own durations: cache create, then endpoint, then zone group, scaled.
        $ideal = ($AzureSeconds.CacheCreate + $AzureSeconds.EndpointCreate + $AzureSeconds.ZoneGroupCreate) * $AzureScale
        Add-Row 'One cache: New-RedisPrivateCache wall time vs the emulator''s durations along the plan''s longest chain (cache, endpoint, zone group)' '≤ 1.05×' `
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

# The emulator's buckets, given on its command line so the floors below and the emulator share one source.
function Get-BucketArgument {
    foreach ($bucket in 'Reads', 'Writes', 'Deletes') {
        "--$($bucket.ToLowerInvariant())"
        '{0}:{1}' -f $ArmBuckets[$bucket].Burst, $ArmBuckets[$bucket].PerSecond
    }
}

# Waits until the emulator's token buckets are full again (they refill in real time), so each measured run starts from
# the budget its floor assumes.
function Wait-BucketsFull { Start-Sleep -Seconds ([math]::Ceiling([math]::Max($ArmBuckets.Reads.Burst / $ArmBuckets.Reads.PerSecond, $ArmBuckets.Writes.Burst / $ArmBuckets.Writes.PerSecond)) + 1) }

# The least time a job can take: its unavoidable writes beyond the write bucket's burst at its refill rate, then one
# chain of its operations (scaled): never the requests a run chose to send.
function Get-FleetFloor([int] $Writes, [double] $ChainSeconds) {
    [math]::Max([double]0, ($Writes - $ArmBuckets.Writes.Burst) / $ArmBuckets.Writes.PerSecond) + $ChainSeconds * $AzureScale
}

function Get-DisabledCount($Emulator, [string] $CollectionPath, [string[]] $Id) {
    $wanted = [Collections.Generic.HashSet[string]]::new([string[]]$Id, [StringComparer]::OrdinalIgnoreCase)
    $count = 0
    $page = Invoke-BenchArm $Emulator $CollectionPath -ApiVersion '2024-11-01'
    while ($true) {
        $count += @($page.Body.value | Where-Object { $wanted.Contains($_.id) -and $_.properties.publicNetworkAccess -eq 'Disabled' -and $_.properties.provisioningState -eq 'Succeeded' }).Count
        if (-not ($page.Body.PSObject.Properties['nextLink'] -and $page.Body.nextLink)) { return $count }
        $page = Invoke-BenchArm $Emulator ([uri]$page.Body.nextLink).PathAndQuery
    }
}

# The caches of each piped job and its peers: Add- on the first -EndpointFleetSize, its -Parallel peer on as many after
# them and its loop peer on -PeerLoopSample after those; Set- on all -FleetSize.
function Invoke-FleetBenchmark([bool] $RunAdd = $true, [bool] $RunSet = $true) {
    $seeded = [math]::Max($(if ($RunSet) { $FleetSize } else { 0 }), $(if ($RunAdd) { 2 * $EndpointFleetSize + $PeerLoopSample } else { 0 }))
    Write-Host "Fleet: $seeded caches" -ForegroundColor Cyan
    $emulator = Start-BenchEmulator -EmulatorPath $EmulatorPath -TimeScale $AzureScale -ExtraArgument (Get-BucketArgument)
    try {
        $sub = $emulator.SubscriptionId
        $rg = "/subscriptions/$sub/resourceGroups/rg-fleet"
        $zone = 'privatelink.redis.cache.windows.net'
        $vnetId = "$rg/providers/Microsoft.Network/virtualNetworks/vnet-fleet"
        $cacheCollection = "$rg/providers/Microsoft.Cache/redis"
        Invoke-BenchSeed $emulator @(@{ Path = $rg; ApiVersion = '2021-04-01'; Body = @{ location = 'eastus' } })
        Invoke-BenchSeed $emulator @(
            @{ Path = $vnetId; ApiVersion = '2024-05-01'; Body = @{ location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.90.0.0/16') }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = '10.90.0.0/24' } }) } } }
            @{ Path = "$rg/providers/Microsoft.Network/privateDnsZones/$zone"; ApiVersion = '2024-06-01'; Body = @{ location = 'global' } })
        Wait-BenchProvisioned $emulator "$rg/providers/Microsoft.Network/privateDnsZones" '2024-06-01' 1
        Invoke-BenchSeed $emulator @(@{ Path = "$rg/providers/Microsoft.Network/privateDnsZones/$zone/virtualNetworkLinks/vnet-fleet"; ApiVersion = '2024-06-01'
                Body = @{ location = 'global'; properties = @{ virtualNetwork = @{ id = $vnetId }; registrationEnabled = $false } } })
        $names = 1..$seeded | ForEach-Object { 'bench-fleet-{0:0000}' -f $_ }
        Invoke-BenchSeed $emulator @($names | ForEach-Object {
                @{ Path = "$cacheCollection/$_"; ApiVersion = '2024-11-01'; Body = @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } } }
            })
        Wait-BenchProvisioned $emulator $cacheCollection '2024-11-01' $seeded
        Wait-BenchProvisioned $emulator "$rg/providers/Microsoft.Network/privateDnsZones/$zone/virtualNetworkLinks" '2024-06-01' 1

        $null = Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile
        $caches = @(Get-RedisPrivateCache -ResourceGroupName rg-fleet | Sort-Object Name)

        if ($RunAdd) { Invoke-AddFleet $emulator $caches $vnetId "$rg/providers/Microsoft.Network/privateDnsZones/$zone" }
        if ($RunSet) { Invoke-SetFleet $emulator $caches $cacheCollection }
        $Notes.Add("Fleet floors: ARM's write bucket ($($ArmBuckets.Writes.Burst) + $($ArmBuckets.Writes.PerSecond)/s) spent by the writes the job cannot avoid, plus one chain of its operations at the emulator's durations × $([math]::Round($AzureScale, 4)): Set- one PATCH per cache and one cache update ($($AzureSeconds.CacheUpdate) s); Add- an endpoint and a zone group per cache (the network is already linked) and one endpoint ($($AzureSeconds.EndpointCreate) s) then zone group ($($AzureSeconds.ZoneGroupCreate) s).")
    }
    finally {
        Stop-BenchEmulator $emulator
    }
}

# Caches whose endpoint connection is Approved, among $Cache.
function Get-ConnectedCount($Emulator, $Cache) {
    @($Cache | Where-Object { (Invoke-BenchArm $Emulator "$($_.Id)/privateEndpointConnections" -ApiVersion '2024-11-01').Body.value |
                Where-Object { $_.properties.privateLinkServiceConnectionState.status -eq 'Approved' } }).Count
}

function Invoke-AddFleet($emulator, $caches, [string] $vnetId, [string] $zoneId) {
        # Add-RedisPrivateEndpoint: one endpoint (and zone group) per cache, in the shared subnet of a network already
        # linked to the zone. Unavoidable: an endpoint and a zone group per cache, no link.
        $null = Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile
        $piped = $caches[0..($EndpointFleetSize - 1)]
        $Notes.Add("Load: uptime before Add-RedisPrivateEndpoint's run: $((& uptime) -replace '^\s+', '').")
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $errors = @()
        $stopwatch = [Diagnostics.Stopwatch]::StartNew()
        $added = @($piped | Add-RedisPrivateEndpoint -SubnetId "$vnetId/subnets/endpoints" -Confirm:$false `
                -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable errors)
        $wall = $stopwatch.Elapsed.TotalSeconds
        $count = Get-BenchRequestCount $emulator
        $connected = Get-ConnectedCount $emulator $piped
        $minimumWrites = 2 * $EndpointFleetSize
        $floor = Get-FleetFloor $minimumWrites ($AzureSeconds.EndpointCreate + $AzureSeconds.ZoneGroupCreate)
        Add-FleetRows 'Add-RedisPrivateEndpoint' $EndpointFleetSize '≤ 1.3×' 1.3 $wall $floor $count $minimumWrites $errors `
            ($added.Id -join ',') ($piped.Id -join ',') $connected
        Disconnect-RedisPrivateLink

        # The peers on the same emulator, each from full buckets and on caches of their own (without an endpoint yet).
        $peer = Join-Path $PSScriptRoot 'Peer-PrivateEndpoint.ps1'
        $peerArguments = @{ SubnetId = "$vnetId/subnets/endpoints"; PrivateDnsZoneId = $zoneId; ArmEndpoint = $emulator.Endpoint; Token = 'bench'; PollSeconds = 10 * $AzureScale }
        $parallelCaches = $caches[$EndpointFleetSize..(2 * $EndpointFleetSize - 1)]
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $stopwatch.Restart()
        & $peer -CacheId $parallelCaches.Id -ThrottleLimit $PeerThrottleLimit @peerArguments -ErrorAction SilentlyContinue -ErrorVariable peerErrors
        $parallelWall = $stopwatch.Elapsed.TotalSeconds
        $parallelCount = Get-BenchRequestCount $emulator
        $parallelDone = Get-ConnectedCount $emulator $parallelCaches

        $sample = $caches[(2 * $EndpointFleetSize)..(2 * $EndpointFleetSize + $PeerLoopSample - 1)]
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $stopwatch.Restart()
        & $peer -CacheId $sample.Id @peerArguments -ErrorAction SilentlyContinue -ErrorVariable +peerErrors
        $loopWall = $stopwatch.Elapsed.TotalSeconds * $EndpointFleetSize / $PeerLoopSample
        $loopDone = Get-ConnectedCount $emulator $sample

        Add-Row "Fleet: $EndpointFleetSize caches | Add-RedisPrivateEndpoint vs the peer: ForEach-Object -Parallel -ThrottleLimit $PeerThrottleLimit of Invoke-RestMethod endpoint and zone group PUTs + polls" '< 1×' `
            ('{0:0.00}× ({1} vs {2}; the peer: {3:0.0} requests per cache, {4} answered 429; {5} of {6} caches connected)' -f ($wall / $parallelWall), (Format-Seconds $wall), (Format-Seconds $parallelWall),
                (($parallelCount.Writes + $parallelCount.Reads + $parallelCount.Polls) / $EndpointFleetSize), $parallelCount.Throttled, $parallelDone, $EndpointFleetSize) ($wall -lt $parallelWall)
        Add-Row "Fleet: $EndpointFleetSize caches | Add-RedisPrivateEndpoint vs the peer: the same in a loop, one cache after another" '< 1×' `
            ('{0:0.00}× ({1} vs {2}: {3} caches took {4}, scaled to {5}; {6} of them connected)' -f ($wall / $loopWall), (Format-Seconds $wall), (Format-Seconds $loopWall),
                $PeerLoopSample, (Format-Seconds ($loopWall * $PeerLoopSample / $EndpointFleetSize)), $EndpointFleetSize, $loopDone) ($wall -lt $loopWall)
        if (@($peerErrors).Count -gt 0) { $Notes.Add("Add- peer scripts: $(@($peerErrors).Count) errors, the first: $($peerErrors[0])") }
        $Notes.Add("Add- peers: bench/Peer-PrivateEndpoint.ps1, per cache the endpoint PUT and its operation polled, then the zone group PUT and its operation polled, at Microsoft.Network's Retry-After (10 s × the time scale; the emulator's whole-second Retry-After rounds to 0 at this pace), 429s waited out for their Retry-After; the -Parallel peer on caches $($EndpointFleetSize + 1)-$(2 * $EndpointFleetSize), the loop on the $PeerLoopSample after them, its time scaled to $EndpointFleetSize caches.")
}

function Invoke-SetFleet($emulator, $caches, [string] $cacheCollection) {
        $null = Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile
        $Notes.Add("Load: uptime before Set-RedisPublicNetworkAccess's run: $((& uptime) -replace '^\s+', '').")
        $stopwatch = [Diagnostics.Stopwatch]::new()

        # Set-RedisPublicNetworkAccess: every cache made private (-Force for those without an endpoint). Unavoidable:
        # one PATCH per cache.
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $errors = @()
        $stopwatch.Restart()
        $set = @($caches | Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -Confirm:$false `
                -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable errors)
        $wall = $stopwatch.Elapsed.TotalSeconds
        $count = Get-BenchRequestCount $emulator
        $disabled = Get-DisabledCount $emulator $cacheCollection $caches.Id
        $floor = Get-FleetFloor $FleetSize $AzureSeconds.CacheUpdate
        Add-FleetRows 'Set-RedisPublicNetworkAccess' $FleetSize '≤ 1.2×' 1.2 $wall $floor $count $FleetSize $errors ($set.Id -join ',') ($caches.Id -join ',') $disabled
        Disconnect-RedisPrivateLink

        # The peers on the same emulator, each from full buckets: all caches opened again with -Parallel (the same
        # PATCH, the other value), then a sample closed again by the loop.
        $peer = Join-Path $PSScriptRoot 'Peer-PublicNetworkAccess.ps1'
        $peerArguments = @{ ArmEndpoint = $emulator.Endpoint; Token = 'bench'; PollSeconds = 15 * $AzureScale }
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $stopwatch.Restart()
        & $peer -CacheId $caches.Id -PublicNetworkAccess Enabled -ThrottleLimit $PeerThrottleLimit @peerArguments -ErrorAction SilentlyContinue -ErrorVariable peerErrors
        $parallelWall = $stopwatch.Elapsed.TotalSeconds
        $parallelCount = Get-BenchRequestCount $emulator
        $parallelLeft = Get-DisabledCount $emulator $cacheCollection $caches.Id

        $sample = $caches.Id[0..($PeerLoopSample - 1)]
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $stopwatch.Restart()
        & $peer -CacheId $sample -PublicNetworkAccess Disabled @peerArguments -ErrorAction SilentlyContinue -ErrorVariable +peerErrors
        $loopWall = $stopwatch.Elapsed.TotalSeconds * $FleetSize / $PeerLoopSample
        $loopDone = Get-DisabledCount $emulator $cacheCollection $sample

        $ours = $wall
        Add-Row "Fleet: $FleetSize caches | Set-RedisPublicNetworkAccess vs the peer: ForEach-Object -Parallel -ThrottleLimit $PeerThrottleLimit of Invoke-RestMethod PATCH + polls" '< 1×' `
            ('{0:0.00}× ({1} vs {2}; the peer: {3:0.0} requests per cache, {4} answered 429; {5} of {6} caches changed)' -f ($ours / $parallelWall), (Format-Seconds $ours), (Format-Seconds $parallelWall),
                (($parallelCount.Writes + $parallelCount.Reads + $parallelCount.Polls) / $FleetSize), $parallelCount.Throttled, ($FleetSize - $parallelLeft), $FleetSize) ($ours -lt $parallelWall)
        Add-Row "Fleet: $FleetSize caches | Set-RedisPublicNetworkAccess vs the peer: the same in a loop, one cache after another" '< 1×' `
            ('{0:0.00}× ({1} vs {2}: {3} caches took {4}, scaled to {5}; {6} of them changed)' -f ($ours / $loopWall), (Format-Seconds $ours), (Format-Seconds $loopWall),
                $PeerLoopSample, (Format-Seconds ($loopWall * $PeerLoopSample / $FleetSize)), $FleetSize, $loopDone) ($ours -lt $loopWall)
        if (@($peerErrors).Count -gt 0) { $Notes.Add("Set- peer scripts: $(@($peerErrors).Count) errors, the first: $($peerErrors[0])") }
        $Notes.Add("Set- peers: bench/Peer-PublicNetworkAccess.ps1, polling each operation every 15 s × the time scale (Microsoft.Cache sends no Retry-After) and waiting out 429s for their Retry-After. The -Parallel peer opened the caches Set- had closed (the same PATCH); the loop peer closed $PeerLoopSample of them again, and its time is scaled to $FleetSize caches, since one cache after another grows in proportion.")
}

function Add-FleetRows([string] $Cmdlet, [int] $Size, [string] $Target, [double] $TargetRatio, [double] $Wall, [double] $Floor, $Count, [int] $MinimumRequests,
    $Errors, [string] $OutputOrder, [string] $InputOrder, [int] $InState) {
    $ratio = $Wall / $Floor
    $requests = $Count.Writes + $Count.Reads + $Count.Polls + $Count.Deletes
    $userThrottled = @($Errors | Where-Object { $_.FullyQualifiedErrorId -like 'SubscriptionRequestsThrottled*' -or "$($_.Exception.Message)" -match '429' }).Count
    Add-Row "Fleet: $Size caches | $Cmdlet as a user runs it, wall time vs the floor" $Target `
        ('{0:0.00}× ({1} vs floor {2})' -f $ratio, (Format-Seconds $Wall), (Format-Seconds $Floor)) ($ratio -le $TargetRatio)
    Add-Row "Fleet: $Size caches | $Cmdlet, ARM requests per cache vs the minimum" ('{0:0.#}' -f ($MinimumRequests / $Size)) `
        ('{0:0.0} ({1} writes, {2} reads, {3} polls; {4} answered 429 by the emulator)' -f ($requests / $Size), $Count.Writes, $Count.Reads, $Count.Polls, $Count.Throttled) $null
    Add-Row "Fleet: $Size caches | $Cmdlet, caches in the requested state" "all $Size" "$InState of $Size" ($InState -eq $Size)
    Add-Row "Fleet: $Size caches | $Cmdlet, errors (429s) reaching the user" 'none' ('{0} errors, {1} of them throttling' -f @($Errors).Count, $userThrottled) (@($Errors).Count -eq 0)
    Add-Row "Fleet: $Size caches | $Cmdlet, output order" 'input order' $(if ($OutputOrder -eq $InputOrder) { 'input order' } else { 'differs' }) ($OutputOrder -eq $InputOrder)
}

# A fleet over several subscriptions: ARM gives each subscription its own write bucket, so the floor is that of the
# busiest subscription's writes, all buckets spending at once, plus one cache update; never the requests the run sent.
function Invoke-SubscriptionsBenchmark {
    Write-Host "Subscriptions: $SubscriptionFleetSize caches over $SubscriptionCount subscriptions" -ForegroundColor Cyan
    $additional = 1..($SubscriptionCount - 1) | ForEach-Object { '{0:x8}-0000-4000-8000-000000000000' -f (0x5b000000 + $_) }
    $emulator = Start-BenchEmulator -EmulatorPath $EmulatorPath -TimeScale $AzureScale `
        -ExtraArgument (@(Get-BucketArgument) + @($additional | ForEach-Object { '--additional-subscription', $_ }))
    try {
        $subscriptions = @($emulator.SubscriptionId) + $additional
        $perSubscription = @{}
        foreach ($subscription in $subscriptions) { $perSubscription[$subscription] = [System.Collections.Generic.List[string]]::new() }
        # Seeded straight through ARM (within each subscription's write burst, so nothing waits), outside the measured time.
        for ($i = 0; $i -lt $SubscriptionFleetSize; $i++) {
            $subscription = $subscriptions[$i % $SubscriptionCount]
            $perSubscription[$subscription].Add(("/subscriptions/$subscription/resourceGroups/rg-subs/providers/Microsoft.Cache/redis/bench-subs-{0:0000}" -f $i))
        }
        Invoke-BenchSeed $emulator @($subscriptions | ForEach-Object { @{ Path = "/subscriptions/$_/resourceGroups/rg-subs"; ApiVersion = '2021-04-01'; Body = @{ location = 'eastus' } } })
        Invoke-BenchSeed $emulator @($subscriptions | ForEach-Object { $perSubscription[$_] } | ForEach-Object {
                @{ Path = $_; ApiVersion = '2024-11-01'; Body = @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } } }
            })
        foreach ($subscription in $subscriptions) {
            Wait-BenchProvisioned $emulator "/subscriptions/$subscription/resourceGroups/rg-subs/providers/Microsoft.Cache/redis" '2024-11-01' $perSubscription[$subscription].Count
        }

        $null = Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile
        Wait-BucketsFull
        Clear-BenchRequestLog $emulator
        $errors = @()
        $stopwatch = [Diagnostics.Stopwatch]::StartNew()
        $set = @(Get-RedisPrivateCache -Subscription * -ResourceGroupName rg-subs | Tee-Object -Variable listed |
                Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -Confirm:$false -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable errors)
        $wall = $stopwatch.Elapsed.TotalSeconds
        $count = Get-BenchRequestCount $emulator
        Disconnect-RedisPrivateLink
        $disabled = 0
        foreach ($subscription in $subscriptions) {
            $disabled += Get-DisabledCount $emulator "/subscriptions/$subscription/resourceGroups/rg-subs/providers/Microsoft.Cache/redis" $perSubscription[$subscription]
        }

        $busiest = ($subscriptions | ForEach-Object { $perSubscription[$_].Count } | Measure-Object -Maximum).Maximum
        $floor = Get-FleetFloor $busiest $AzureSeconds.CacheUpdate
        $oneSubscriptionFloor = Get-FleetFloor $SubscriptionFleetSize $AzureSeconds.CacheUpdate
        Add-FleetRows "Set-RedisPublicNetworkAccess over $SubscriptionCount subscriptions (piped from Get-RedisPrivateCache -Subscription *)" $SubscriptionFleetSize '≤ 1.2×' 1.2 `
            $wall $floor $count $SubscriptionFleetSize $errors ($set.Id -join ',') ($listed.Id -join ',') $disabled
        Add-Row "Fleet: $SubscriptionFleetSize caches | over $SubscriptionCount subscriptions vs the floor of the same fleet in one subscription" '< 1×' `
            ('{0:0.00}× ({1} vs {2})' -f ($wall / $oneSubscriptionFloor), (Format-Seconds $wall), (Format-Seconds $oneSubscriptionFloor)) ($wall -lt $oneSubscriptionFloor)
        $Notes.Add("Subscriptions: $SubscriptionFleetSize caches, $busiest in the busiest of $SubscriptionCount subscriptions (the emulator's --additional-subscription), each subscription with ARM's own write bucket ($($ArmBuckets.Writes.Burst) + $($ArmBuckets.Writes.PerSecond)/s): the floor is the busiest subscription's PATCHes beyond its burst at its rate, plus one cache update ($($AzureSeconds.CacheUpdate) s × the scale); in one subscription the same fleet's floor would be $(Format-Seconds $oneSubscriptionFloor). The wall time includes the listing (Get-RedisPrivateCache -Subscription *), whose order (by subscription) is the input order.")
    }
    finally {
        Stop-BenchEmulator $emulator
    }
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

function Invoke-GraphBenchmark {
    Write-Host 'Graph' -ForegroundColor Cyan
    foreach ($size in $GraphSize | Sort-Object) {
        # A fresh emulator per size, so the smaller fleet's process does not carry the larger one's memory.
        $emulator = Start-BenchEmulator -EmulatorPath $EmulatorPath -TimeScale 0.0001 -ExtraArgument '--no-throttling'
        try {
            $perSubscription = [int][math]::Ceiling($size / $GraphSubscriptions)
            $subscriptions = 1..$GraphSubscriptions | ForEach-Object { '{0:x8}-0000-4000-8000-{1:x12}' -f $_, $_ }
            $body = @{ subscriptions = $subscriptions; cachesPerSubscription = $perSubscription } | ConvertTo-Json -Compress
            $seed = $emulator.Client.PostAsync($emulator.Endpoint + '_emulator/seed', [System.Net.Http.StringContent]::new($body, [Text.Encoding]::UTF8, 'application/json')).GetAwaiter().GetResult()
            if (-not $seed.IsSuccessStatusCode) { throw "Seeding $size caches failed: $([int]$seed.StatusCode) $($seed.Content.ReadAsStringAsync().Result)" }
            $total = $perSubscription * $GraphSubscriptions

            # In a fresh process, so its peak working set is the audit's alone.
            $exe, $prefix = Get-PwshCommand
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$context = Connect-RedisPrivateLink -EmulatorConnectionFile '$($emulator.ConnectionFile)'
`$before = `$context.GetArmGateway().Counters.Total
`$stopwatch = [Diagnostics.Stopwatch]::StartNew()
`$count = 0
Get-RedisPrivateCache -UseResourceGraph | ForEach-Object { `$count++ }
`$seconds = `$stopwatch.Elapsed.TotalSeconds
[pscustomobject]@{ Count = `$count; Requests = `$context.GetArmGateway().Counters.Total - `$before; Seconds = `$seconds
    PeakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB; LiveMB = [GC]::GetTotalMemory(`$true) / 1MB } | ConvertTo-Json -Compress
"@
            $json = & $exe @prefix -NoProfile -NonInteractive -c $script
            if ($LASTEXITCODE -ne 0) { throw "The Resource Graph audit of $total caches failed: $json" }
            $audit = $json | Select-Object -Last 1 | ConvertFrom-Json
            $pages = [math]::Ceiling($total / 1000)
            Add-Row "Graph: Get-RedisPrivateCache -UseResourceGraph over $total caches in $GraphSubscriptions subscriptions, requests" "$pages (one per 1000-row page)" `
                ('{0} requests for {1} caches' -f $audit.Requests, $audit.Count) ($audit.Count -eq $total -and $audit.Requests -le $pages)
            Add-Row "Graph: Get-RedisPrivateCache -UseResourceGraph over $total caches, wall time" 'a handful of queries, quota waits included' (Format-Seconds $audit.Seconds) $null
            # The peak includes pages already handed on and not yet collected (each page's answer is a few MB, on the
            # large-object heap); what the run still holds once collected is the live heap.
            Add-Row "Graph: Get-RedisPrivateCache -UseResourceGraph over $total caches, peak working set" 'flat as the fleet grows' ('{0:0} MB' -f $audit.PeakMB) $null
            Add-Row "Graph: Get-RedisPrivateCache -UseResourceGraph over $total caches, live heap after the run (full GC)" 'flat as the fleet grows' ('{0:0} MB' -f $audit.LiveMB) $null
        }
        finally {
            Stop-BenchEmulator $emulator
        }
    }
}

Import-Module $ModulePath
$started = Get-Date
$fleetJobs = @($Benchmark | Where-Object { $_ -in 'Fleet', 'AddFleet', 'SetFleet' })
$runs = @($Benchmark | Where-Object { $_ -notin 'AddFleet', 'SetFleet' } | ForEach-Object { if ($_ -eq 'Fleet') { 'Fleet' } else { $_ } })
if ($fleetJobs.Count -gt 0 -and 'Fleet' -notin $runs) { $runs = @($runs) + 'Fleet' }
foreach ($name in $runs) {
    try {
        if ($name -eq 'Fleet') {
            Invoke-FleetBenchmark -RunAdd ([bool]($fleetJobs | Where-Object { $_ -in 'Fleet', 'AddFleet' })) -RunSet ([bool]($fleetJobs | Where-Object { $_ -in 'Fleet', 'SetFleet' }))
        }
        else {
            & "Invoke-$($name)Benchmark"
        }
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
