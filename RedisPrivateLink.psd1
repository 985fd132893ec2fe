@{
    RootModule           = 'RedisPrivateLink.dll'
    # Stamped by build.ps1 from <Version> in Directory.Build.props, the one place the version lives.
    ModuleVersion        = '0.0.0'
    GUID                 = '5d1f3c1e-8a7b-4c52-9f0e-2b6a4f7d9c31'
    Author               = 'RedisPrivateLink contributors'
    CompanyName          = 'RedisPrivateLink'
    Copyright            = '(c) RedisPrivateLink contributors. MIT License.'
    Description          = 'Puts Azure Cache for Redis behind Azure Private Link - cache, virtual network, private endpoint, private DNS and public network access - in one command, safely.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = 'Core', 'Desktop'
    FormatsToProcess     = 'RedisPrivateLink.format.ps1xml'
    CmdletsToExport      = @(
        'Add-RedisPrivateEndpoint'
        'Approve-RedisPrivateEndpointConnection'
        'Connect-RedisPrivateLink'
        'Convert-VNetCacheToPrivateEndpoint'
        'Deny-RedisPrivateEndpointConnection'
        'Disconnect-RedisPrivateLink'
        'Get-RedisPrivateCache'
        'Get-RedisPrivateEndpoint'
        'Get-RedisPrivateLinkContext'
        'New-RedisPrivateCache'
        'Remove-RedisPrivateEndpoint'
        'Set-RedisPublicNetworkAccess'
        'Test-RedisPrivateConnectivity'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = 'Azure', 'Redis', 'AzureCacheForRedis', 'AzureManagedRedis', 'PrivateLink', 'PrivateEndpoint', 'DNS', 'Network', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS'
            LicenseUri   = 'https://github.com/RedisPrivateLink/RedisPrivateLink/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/RedisPrivateLink/RedisPrivateLink'
            ReleaseNotes = ''
        }
    }
}
