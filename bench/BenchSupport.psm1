<#
    What the benchmarks share: an emulator per scenario (started from out/emulator, tied to this process), ARM calls
    made directly to seed it quickly, and the request log read back and split the way ARM's throttling counts it.
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

Add-Type -TypeDefinition @'
namespace RedisPrivateLinkBench
{
    public static class PinnedHttp
    {
        public static System.Net.Http.HttpClient Create(string thumbprint)
        {
            var handler = new System.Net.Http.HttpClientHandler { MaxConnectionsPerServer = 64 };
            handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                certificate != null && string.Equals(certificate.GetCertHashString(), thumbprint, System.StringComparison.OrdinalIgnoreCase);
            return new System.Net.Http.HttpClient(handler);
        }
    }
}
'@

function Start-BenchEmulator {
    param(
        [Parameter(Mandatory)] [string] $EmulatorPath,
        [double] $TimeScale = 1.0,
        [string[]] $ExtraArgument = @()
    )
    $directory = Join-Path ([IO.Path]::GetTempPath()) ('rpl-bench-' + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory $directory
    $connectionFile = Join-Path $directory 'connection.json'
    $arguments = @((Join-Path $EmulatorPath 'RedisPrivateLink.Emulator.dll'), '--port', '0', '--connection-file', $connectionFile,
        '--time-scale', $TimeScale.ToString('R', [cultureinfo]::InvariantCulture), '--parent-pid', $PID) + $ExtraArgument
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -PassThru `
        -RedirectStandardOutput (Join-Path $directory 'stdout.txt') -RedirectStandardError (Join-Path $directory 'stderr.txt')
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $connectionFile)) {
        if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode): $(Get-Content -Raw (Join-Path $directory 'stderr.txt'))" }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'The emulator did not start within 60 s.' }
        Start-Sleep -Milliseconds 100
    }
    $connection = Get-Content -Raw $connectionFile | ConvertFrom-Json
    [pscustomobject]@{
        Process        = $process
        Directory      = $directory
        ConnectionFile = $connectionFile
        Endpoint       = $connection.endpoint
        SubscriptionId = $connection.subscriptionId
        Client         = [RedisPrivateLinkBench.PinnedHttp]::Create($connection.certificateThumbprint)
    }
}

function Stop-BenchEmulator {
    param([Parameter(Mandatory)] $Emulator)
    $Emulator.Client.Dispose()
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit()
    }
    Remove-Item -Recurse -Force $Emulator.Directory -ErrorAction SilentlyContinue
}

function New-ArmRequest($Emulator, [string] $Method, [string] $Path, [string] $ApiVersion, $Body) {
    $separator = if ($Path.Contains('?')) { '&' } else { '?' }
    $uri = [uri]($Emulator.Endpoint + $Path.TrimStart('/') + $(if ($ApiVersion) { "$($separator)api-version=$ApiVersion" }))
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $uri)
    $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', 'bench')
    if ($null -ne $Body) {
        $request.Content = [System.Net.Http.StringContent]::new(($Body | ConvertTo-Json -Depth 20 -Compress), [Text.Encoding]::UTF8, 'application/json')
    }
    $request
}

function Invoke-BenchArm {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $ApiVersion,
        [string] $Method = 'GET',
        $Body
    )
    # Waits out the emulator's throttling: checking state after a run must not fail for the budget the run spent.
    while (($response = $Emulator.Client.SendAsync((New-ArmRequest $Emulator $Method $Path $ApiVersion $Body)).GetAwaiter().GetResult()).StatusCode -eq 429) {
        Start-Sleep -Seconds 1
    }
    $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    [pscustomobject]@{ Status = [int]$response.StatusCode; Body = if ($text) { $text | ConvertFrom-Json -Depth 50 } }
}

# PUTs many resources at once, straight to the emulator's ARM API (no module, no polling): throttled ones are sent
# again once the emulator's Retry-After has passed.
function Invoke-BenchSeed {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [object[]] $Resource,   # @{ Path; ApiVersion; Body }
        [int] $Parallel = 32
    )
    $pending = [System.Collections.Generic.Queue[object]]::new([object[]]$Resource)
    while ($pending.Count -gt 0) {
        $batch = [System.Collections.Generic.List[object]]::new()
        while ($pending.Count -gt 0 -and $batch.Count -lt $Parallel) { $batch.Add($pending.Dequeue()) }
        $tasks = foreach ($item in $batch) { $Emulator.Client.SendAsync((New-ArmRequest $Emulator 'PUT' $item.Path $item.ApiVersion $item.Body)) }
        [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]$tasks)
        $throttled = $false
        for ($i = 0; $i -lt $batch.Count; $i++) {
            $status = [int]$tasks[$i].Result.StatusCode
            if ($status -eq 429) { $pending.Enqueue($batch[$i]); $throttled = $true }
            elseif ($status -ge 300) { throw "PUT $($batch[$i].Path) answered $status : $($tasks[$i].Result.Content.ReadAsStringAsync().Result)" }
        }
        if ($throttled) { Start-Sleep -Milliseconds 500 }
    }
}

function Wait-BenchProvisioned {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $CollectionPath, [Parameter(Mandatory)] [string] $ApiVersion, [int] $Count)
    $deadline = [DateTime]::UtcNow.AddMinutes(5)
    while ($true) {
        $done = 0; $seen = 0
        $path = $CollectionPath
        while ($path) {
            $page = Invoke-BenchArm $Emulator $path -ApiVersion $(if ($path -match 'api-version=') { $null } else { $ApiVersion })
            if ($page.Status -eq 429) { Start-Sleep -Seconds 1; continue }
            if ($page.Status -ne 200) { throw "GET $path answered $($page.Status)." }
            $seen += @($page.Body.value).Count
            $done += @($page.Body.value | Where-Object { $_.properties.provisioningState -eq 'Succeeded' }).Count
            $path = if ($page.Body.PSObject.Properties['nextLink'] -and $page.Body.nextLink) { ([uri]$page.Body.nextLink).PathAndQuery } else { $null }
        }
        if ($seen -ge $Count -and $done -eq $seen) { return }
        if ([DateTime]::UtcNow -gt $deadline) { throw "Only $done of $Count resources under $CollectionPath provisioned within 5 minutes." }
        Start-Sleep -Milliseconds 500
    }
}

function Clear-BenchRequestLog([Parameter(Mandatory)] $Emulator) {
    $null = $Emulator.Client.DeleteAsync($Emulator.Endpoint + '_emulator/requests').GetAwaiter().GetResult()
}

# The ARM calls since the log was cleared, split as ARM's throttling counts them: writes (PUT, PATCH, POST), deletes,
# polls (GETs of an operation's status or result) and reads (every other GET); 429s counted apart.
function Get-BenchRequestCount([Parameter(Mandatory)] $Emulator) {
    $json = $Emulator.Client.GetStringAsync($Emulator.Endpoint + '_emulator/requests').GetAwaiter().GetResult()
    $log = @($json | ConvertFrom-Json -Depth 5)
    $accepted = @($log | Where-Object status -ne 429)
    $polls = @($accepted | Where-Object { $_.method -eq 'GET' -and $_.path -match '/(operations|asyncOperations|operationResults|operationresults|privateDnsOperationStatuses|privateDnsOperationResults)/' })
    [pscustomobject]@{
        Writes    = @($accepted | Where-Object method -in 'PUT', 'PATCH', 'POST').Count
        Deletes   = @($accepted | Where-Object method -eq 'DELETE').Count
        Polls     = $polls.Count
        Reads     = @($accepted | Where-Object method -eq 'GET').Count - $polls.Count
        Throttled = @($log | Where-Object status -eq 429).Count
    }
}

# Median of a list of numbers.
function Get-Median([double[]] $Value) {
    $sorted = @($Value | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

Export-ModuleMember -Function Start-BenchEmulator, Stop-BenchEmulator, Invoke-BenchArm, Invoke-BenchSeed, Wait-BenchProvisioned,
    Clear-BenchRequestLog, Get-BenchRequestCount, Get-Median
