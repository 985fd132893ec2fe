<#
.SYNOPSIS
    The peer of Add-RedisPrivateEndpoint in the benchmark: what an admin writes today to give many caches a private
    endpoint in a subnet whose network is already linked to the private DNS zone.
.DESCRIPTION
    Per cache, with Invoke-RestMethod: the private endpoint's PUT (one automatic connection to the cache, group
    redisCache), its Azure-AsyncOperation URL polled until it ends, then the endpoint's DNS zone group's PUT (the zone
    privatelink.redis.cache.windows.net) and its operation polled the same way; a 429 waited out for its Retry-After.
    Polls follow the operation's Retry-After, or -PollSeconds when it gives none or 0. In a loop, one cache after
    another, or with -ThrottleLimit, through ForEach-Object -Parallel with that many at once. Only the endpoint, token
    and poll interval differ from a script run against Azure: -ArmEndpoint is the emulator's, whose self-signed
    certificate (on loopback) -SkipCertificateCheck accepts.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string[]] $CacheId,
    [Parameter(Mandatory)] [string] $SubnetId,
    [Parameter(Mandatory)] [string] $PrivateDnsZoneId,
    [Parameter(Mandatory)] [string] $ArmEndpoint,
    [Parameter(Mandatory)] [string] $Token,
    [string] $Location = 'eastus',
    # Microsoft.Network asks for 10 s between polls (Retry-After); the emulator's scaled value rounds to 0 in whole seconds.
    [double] $PollSeconds = 10,
    # 0: a loop; otherwise ForEach-Object -Parallel -ThrottleLimit.
    [int] $ThrottleLimit = 0
)

$addOne = {
    param([string] $Id, [string] $Subnet, [string] $Zone, [string] $Region, [string] $Arm, [string] $Token, [double] $PollSeconds)
    $ErrorActionPreference = 'Stop'
    $headers = @{ Authorization = "Bearer $Token" }
    $base = $Arm.TrimEnd('/')

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

    # PUT, then the operation polled at its Retry-After (or -PollSeconds) until it ends.
    function Invoke-ArmPut([string] $Path, [hashtable] $Resource) {
        $put = Invoke-Arm PUT "$base$($Path)?api-version=2024-05-01" ($Resource | ConvertTo-Json -Depth 10 -Compress)
        $operation = @($put.Headers['Azure-AsyncOperation'])[0]
        $answered = $put.Headers
        do {
            $retryAfter = 0.0
            if ($answered.ContainsKey('Retry-After')) { $retryAfter = [double]@($answered['Retry-After'])[0] }
            Start-Sleep -Milliseconds ([int](1000 * $(if ($retryAfter -gt 0) { $retryAfter } else { $PollSeconds })))
            $poll = Invoke-Arm GET $operation
            $answered = $poll.Headers
        } until ($poll.Body.status -in 'Succeeded', 'Failed', 'Canceled')
        if ($poll.Body.status -ne 'Succeeded') { throw "PUT $Path ended $($poll.Body.status)." }
    }

    $cacheName = ($Id -split '/')[-1]
    $endpointName = "$cacheName-pe-$(($Subnet -split '/')[-3])"
    $endpointPath = "$(($Subnet -split '/providers/')[0])/providers/Microsoft.Network/privateEndpoints/$endpointName"
    Invoke-ArmPut $endpointPath @{
        location   = $Region
        properties = @{
            subnet                        = @{ id = $Subnet }
            privateLinkServiceConnections = @(@{ name = $endpointName; properties = @{ privateLinkServiceId = $Id; groupIds = @('redisCache') } })
        }
    }
    Invoke-ArmPut "$endpointPath/privateDnsZoneGroups/default" @{
        properties = @{ privateDnsZoneConfigs = @(@{ name = ($Zone -split '/')[-1].Replace('.', '-'); properties = @{ privateDnsZoneId = $Zone } }) }
    }
}

if ($ThrottleLimit -le 0) {
    foreach ($id in $CacheId) { & $addOne $id $SubnetId $PrivateDnsZoneId $Location $ArmEndpoint $Token $PollSeconds }
}
else {
    $definition = $addOne.ToString()
    $CacheId | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        & ([scriptblock]::Create($using:definition)) $_ $using:SubnetId $using:PrivateDnsZoneId $using:Location $using:ArmEndpoint $using:Token $using:PollSeconds
    }
}
