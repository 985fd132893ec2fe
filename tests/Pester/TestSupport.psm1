<#
    What the Pester files share: the local ARM emulator (each file starts its own on a free port, tied to this process
    with --parent-pid so none outlives the run) and child PowerShell sessions for tests that must start clean.
#>
$ErrorActionPreference = 'Stop'

# A script block cannot validate certificates (the callback runs on a thread with no runspace), so a few lines of C#.
Add-Type -TypeDefinition @'
namespace RedisPrivateLinkTests
{
    public static class PinnedHttp
    {
        public static System.Net.Http.HttpClient Create(string thumbprint)
        {
            var handler = new System.Net.Http.HttpClientHandler();
            handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                certificate != null && string.Equals(certificate.GetCertHashString(), thumbprint, System.StringComparison.OrdinalIgnoreCase);
            return new System.Net.Http.HttpClient(handler);
        }
    }
}
'@

# The api-version of each ARM type the tests arrange or read directly, independent of the module's own pins; the one
# place Pester files take them from.
$ArmApiVersion = [pscustomobject]@{
    Redis           = '2024-11-01'
    RedisEnterprise = '2025-07-01'
    Network         = '2024-05-01'
    PrivateDns      = '2024-06-01'
    ResourceGroups  = '2021-04-01'
    Storage         = '2023-05-01'
}

function Start-TestEmulator {
    param(
        [double] $TimeScale = 0.001,
        [string[]] $ExtraArgument = @()
    )
    $directory = Join-Path ([IO.Path]::GetTempPath()) ("rpl-emulator-" + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory $directory
    $connectionFile = Join-Path $directory 'connection.json'
    $dll = Join-Path $env:RPL_TEST_EMULATOR 'RedisPrivateLink.Emulator.dll'
    $arguments = @($dll, '--port', '0', '--connection-file', $connectionFile,
        '--time-scale', $TimeScale.ToString([cultureinfo]::InvariantCulture), '--parent-pid', $PID) + $ExtraArgument
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -PassThru `
        -RedirectStandardOutput (Join-Path $directory 'stdout.txt') -RedirectStandardError (Join-Path $directory 'stderr.txt')

    # Waiting for start-up, not measuring it: the bound only stops a broken emulator from hanging the run.
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $connectionFile)) {
        if ($process.HasExited) {
            throw "The emulator exited with code $($process.ExitCode): $(Get-Content -Raw (Join-Path $directory 'stderr.txt'))"
        }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'The emulator did not write its connection file within 60 s.' }
        Start-Sleep -Milliseconds 100
    }

    $connection = Get-Content -Raw $connectionFile | ConvertFrom-Json
    [pscustomobject]@{
        Process        = $process
        Directory      = $directory
        ConnectionFile = $connectionFile
        Endpoint       = $connection.endpoint
        SubscriptionId = $connection.subscriptionId
        TenantId       = $connection.tenantId
        Thumbprint     = $connection.certificateThumbprint
    }
}

function Stop-TestEmulator {
    param([Parameter(Mandatory)] $Emulator)
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit()
    }
    Remove-Item -Recurse -Force $Emulator.Directory -ErrorAction SilentlyContinue
}

# The set-up most files share: the module under test imported, an emulator of the file's own started, and the
# session connected to it. Returns the emulator, for Stop-TestSession.
function Start-TestSession {
    param(
        [double] $TimeScale = 0.001,
        [string[]] $ExtraArgument = @()
    )
    Import-Module $env:RPL_TEST_MODULE -Global
    $emulator = Start-TestEmulator -TimeScale $TimeScale -ExtraArgument $ExtraArgument
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $emulator.ConnectionFile
    return $emulator
}

function Stop-TestSession {
    param([Parameter(Mandatory)] $Emulator)
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
}

# Calls the emulator's control plane (/_emulator/...), which needs no token but does need the pinned certificate.
function Invoke-EmulatorControl {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $client = [RedisPrivateLinkTests.PinnedHttp]::Create($Emulator.Thumbprint)
    try {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), [uri]($Emulator.Endpoint + $Path.TrimStart('/')))
        if ($null -ne $Body) {
            $request.Content = [System.Net.Http.StringContent]::new(($Body | ConvertTo-Json -Depth 10), [Text.Encoding]::UTF8, 'application/json')
        }
        $response = $client.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) { throw "$Method $Path answered $([int]$response.StatusCode): $text" }
        if ($text) { $text | ConvertFrom-Json }
    }
    finally {
        $client.Dispose()
    }
}

# Calls the emulator's ARM API directly, to arrange state or read it back independently of the module under test.
function Invoke-EmulatorArm {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $ApiVersion,
        [string] $Method = 'GET',
        $Body
    )
    $client = [RedisPrivateLinkTests.PinnedHttp]::Create($Emulator.Thumbprint)
    try {
        $separator = if ($Path.Contains('?')) { '&' } else { '?' }
        $uri = [uri]($Emulator.Endpoint + $Path.TrimStart('/') + "$($separator)api-version=$ApiVersion")
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $uri)
        $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', 'test')
        if ($null -ne $Body) {
            $request.Content = [System.Net.Http.StringContent]::new(($Body | ConvertTo-Json -Depth 20), [Text.Encoding]::UTF8, 'application/json')
        }
        $response = $client.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        [pscustomobject]@{ Status = [int]$response.StatusCode; Body = if ($text) { $text | ConvertFrom-Json -Depth 50 } }
    }
    finally {
        $client.Dispose()
    }
}

# Waits until a resource made directly through the emulator has finished provisioning (emulated Azure time is short,
# but not zero). The bound only stops a broken emulator from hanging the run.
function Wait-EmulatorProvisioned {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $ApiVersion
    )
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ((Invoke-EmulatorArm $Emulator $Path -ApiVersion $ApiVersion).Body.properties.provisioningState -ne 'Succeeded') {
        if ([DateTime]::UtcNow -gt $deadline) { throw "$Path did not finish provisioning within 60 s." }
        Start-Sleep -Milliseconds 100
    }
}

# The ARM writes (PUT, PATCH, DELETE, and POSTs other than read-only actions: name checks, keys, policy checks) the emulator logged since the last clear.
function Get-EmulatorWrite {
    param([Parameter(Mandatory)] $Emulator)
    @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object {
            $_.method -in 'PUT', 'PATCH', 'DELETE' -or ($_.method -eq 'POST' -and $_.path -notmatch '/(checkNameAvailability|listKeys|checkPolicyRestrictions)$')
        })
}

# The help examples of every cmdlet of the module that writes to Azure (it has -WhatIf), in help order, named
# '<cmdlet> example <n>'.
function Get-WritingCommandExample([Parameter(Mandatory)] [string] $ModulePath) {
    Import-Module $ModulePath
    foreach ($command in Get-Command -Module RedisPrivateLink | Where-Object { $_.Parameters.ContainsKey('WhatIf') }) {
        $index = 0
        foreach ($example in (Get-Help $command.Name -Examples).examples.example) {
            $index++
            [pscustomobject]@{ Name = "$($command.Name) example $index"; Code = ($example.code | Out-String).Trim() }
        }
    }
}

# A fresh PowerShell of the same version as this one: `dotnet pwsh.dll` under the dotnet tool (7.6), the host
# itself under tests/PowerShell74Host (7.4), so a child never runs on the other leg's PowerShell.
function Get-TestPwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return 'dotnet', @((Join-Path $PSHOME 'pwsh.dll'))
    }
    return $process, @()
}

# Runs a script in a fresh PowerShell, so nothing this session loaded can hide a loading problem. Returns its output
# as text lines; throws with that output when it fails (a terminating error ends the child with exit code 1).
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [scriptblock] $Script,
        [object[]] $ArgumentList = @()
    )
    $file = Join-Path ([IO.Path]::GetTempPath()) ("rpl-child-" + [guid]::NewGuid().ToString('n') + '.ps1')
    Set-Content -Path $file -Value $Script.ToString()
    try {
        $pwsh, $pwshArgs = Get-TestPwshCommand
        $output = & $pwsh @pwshArgs -NoProfile -NonInteractive -File $file @ArgumentList 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The child PowerShell failed with exit code $LASTEXITCODE`n$($output -join "`n")" }
        $output | ForEach-Object { "$_" }
    }
    finally {
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Variable ArmApiVersion -Function Start-TestEmulator, Stop-TestEmulator, Start-TestSession, Stop-TestSession, Invoke-EmulatorControl, Invoke-EmulatorArm, Wait-EmulatorProvisioned, Get-EmulatorWrite, Invoke-ChildPwsh, Get-TestPwshCommand, Get-WritingCommandExample
