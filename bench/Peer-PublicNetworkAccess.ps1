<#
.SYNOPSIS
    The peer of Set-RedisPublicNetworkAccess in the benchmark: what an admin writes today to set many caches' public
    network access, there being no Az cmdlet for it.
.DESCRIPTION
    One PATCH of properties.publicNetworkAccess per cache with Invoke-RestMethod, then the operation's
    Azure-AsyncOperation URL polled at the service's interval until it ends, a 429 waited out for its Retry-After. In a
    loop, one cache after another, or with -ThrottleLimit, through ForEach-Object -Parallel with that many at once.
    Only the endpoint, token and poll interval differ from a script run against Azure: -ArmEndpoint is the emulator's,
    whose self-signed certificate (on loopback) -SkipCertificateCheck accepts.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string[]] $CacheId,
    [Parameter(Mandatory)] [ValidateSet('Enabled', 'Disabled')] [string] $PublicNetworkAccess,
    [Parameter(Mandatory)] [string] $ArmEndpoint,
    [Parameter(Mandatory)] [string] $Token,
    # Microsoft.Cache sends no Retry-After on its operations; 15 s is the interval az and the Az modules poll it at.
    [double] $PollSeconds = 15,
    # 0: a loop; otherwise ForEach-Object -Parallel -ThrottleLimit.
    [int] $ThrottleLimit = 0
)

$setOne = {
    param([string] $Id, [string] $Access, [string] $Arm, [string] $Token, [double] $PollSeconds)
    $ErrorActionPreference = 'Stop'
    $headers = @{ Authorization = "Bearer $Token" }

    function Invoke-Arm([string] $Method, [string] $Uri, [string] $Body) {
        while ($true) {
            try {
                $parameters = @{ Method = $Method; Uri = $Uri; Headers = $headers; SkipCertificateCheck = $true; ResponseHeadersVariable = 'responseHeaders' }
                if ($Body) { $parameters.Body = $Body; $parameters.ContentType = 'application/json' }
                $result = Invoke-RestMethod @parameters
                return [pscustomobject]@{ Body = $result; Headers = $responseHeaders }
            }
            catch {
                $response = $_.Exception.Response
                if ($null -eq $response -or [int]$response.StatusCode -ne 429) { throw }
                Start-Sleep -Seconds ([math]::Max(1, $response.Headers.RetryAfter.Delta.TotalSeconds))
            }
        }
    }

    $body = @{ properties = @{ publicNetworkAccess = $Access } } | ConvertTo-Json -Compress
    $patch = Invoke-Arm PATCH "$($Arm.TrimEnd('/'))$($Id)?api-version=2024-11-01" $body
    $operation = @($patch.Headers['Azure-AsyncOperation'])[0]
    do {
        Start-Sleep -Milliseconds ([int]($PollSeconds * 1000))
        $status = (Invoke-Arm GET $operation).Body.status
    } until ($status -in 'Succeeded', 'Failed', 'Canceled')
    if ($status -ne 'Succeeded') { throw "The update of $Id ended $status." }
}

if ($ThrottleLimit -le 0) {
    foreach ($id in $CacheId) { & $setOne $id $PublicNetworkAccess $ArmEndpoint $Token $PollSeconds }
}
else {
    $definition = $setOne.ToString()
    $CacheId | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        & ([scriptblock]::Create($using:definition)) $_ $using:PublicNetworkAccess $using:ArmEndpoint $using:Token $using:PollSeconds
    }
}
