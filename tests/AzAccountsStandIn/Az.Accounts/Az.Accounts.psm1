<#
    Stand-in for Az.Accounts in tests. Connect-AzAccount -Identity signs in as Az.Accounts does in a runbook: with the
    managed identity endpoint the sandbox provides (IDENTITY_ENDPOINT, IDENTITY_HEADER), here the emulator's. As in
    Az.Accounts, the context belongs to the process, not to a runspace: it is kept in an environment variable, so a
    runspace that imports this module again sees it.

    The shapes: Get-AzContext returns PSAzureContext (Account: PSAzureRmAccount with Id and Type; Environment:
    PSAzureEnvironment with Name, ResourceManagerUrl, ActiveDirectoryAuthority and ActiveDirectoryServiceEndpointResourceId;
    Subscription: PSAzureSubscription with Id, Name, State and TenantId; Tenant: PSAzureTenant with Id).
    Get-AzAccessToken returns PSAccessToken (Token, ExpiresOn as DateTimeOffset, TenantId, UserId, Type): Token is a
    string, or a SecureString with -AsSecureString and in Az.Accounts 5 and later, which
    $env:RPL_STANDIN_AZ_SECURE_TOKEN = '1' makes the default here.
#>
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$script:ContextVariable = 'RPL_STANDIN_AZ_CONTEXT'

function Get-StandInState {
    $json = [Environment]::GetEnvironmentVariable($script:ContextVariable)
    if ($json) { $json | ConvertFrom-Json }
}

# A token from the sandbox's managed identity endpoint (App Service protocol 2019-08-01), loopback only.
function Get-ManagedIdentityToken([string] $Resource, [string] $ClientId) {
    $endpoint = [uri]$env:IDENTITY_ENDPOINT
    if (-not $endpoint -or -not $endpoint.IsLoopback) { throw 'IDENTITY_ENDPOINT must be set to the emulator''s identity endpoint (on loopback).' }
    $query = "api-version=2019-08-01&resource=$([uri]::EscapeDataString($Resource))"
    if ($ClientId) { $query += "&client_id=$ClientId" }
    Invoke-RestMethod -Uri "$($endpoint)?$query" -Headers @{ 'X-IDENTITY-HEADER' = $env:IDENTITY_HEADER } -SkipCertificateCheck
}

function Read-JwtClaim([string] $Token) {
    $payload = $Token.Split('.')[1].Replace('-', '+').Replace('_', '/')
    $payload = $payload.PadRight($payload.Length + (4 - $payload.Length % 4) % 4, '=')
    [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload)) | ConvertFrom-Json
}

function Connect-AzAccount {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [switch] $Identity,
        [string] $AccountId,
        [Parameter(Mandatory)] [string] $Subscription,
        [string] $Environment = 'AzureCloud'
    )
    $token = Get-ManagedIdentityToken -Resource 'https://management.core.windows.net/' -ClientId $AccountId
    $tenantId = (Read-JwtClaim $token.access_token).tid
    $state = [ordered]@{ AccountId = $(if ($AccountId) { $AccountId } else { 'MSI@50342' }); ClientId = $AccountId; TenantId = $tenantId; SubscriptionId = $Subscription; Environment = $Environment }
    [Environment]::SetEnvironmentVariable($script:ContextVariable, ($state | ConvertTo-Json -Compress))
    Get-AzContext
}

function Disconnect-AzAccount {
    [CmdletBinding()]
    param()
    [Environment]::SetEnvironmentVariable($script:ContextVariable, $null)
}

function Get-AzContext {
    [CmdletBinding()]
    param()
    $state = Get-StandInState
    if (-not $state) { return }
    $environments = @{
        AzureCloud        = @{ ResourceManagerUrl = 'https://management.azure.com/'; ActiveDirectoryAuthority = 'https://login.microsoftonline.com/'; ActiveDirectoryServiceEndpointResourceId = 'https://management.core.windows.net/' }
        AzureUSGovernment = @{ ResourceManagerUrl = 'https://management.usgovcloudapi.net/'; ActiveDirectoryAuthority = 'https://login.microsoftonline.us/'; ActiveDirectoryServiceEndpointResourceId = 'https://management.core.usgovcloudapi.net/' }
    }
    $environment = $environments[$state.Environment]
    [pscustomobject]@{
        PSTypeName   = 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext'
        Name         = "Emulator Subscription ($($state.SubscriptionId)) - $($state.TenantId) - $($state.AccountId)"
        Account      = [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSAzureRmAccount'; Id = $state.AccountId; Type = 'ManagedService'; Tenants = @($state.TenantId) }
        Environment  = [pscustomobject]@{
            PSTypeName                               = 'Microsoft.Azure.Commands.Profile.Models.PSAzureEnvironment'
            Name                                     = $state.Environment
            ResourceManagerUrl                       = $environment.ResourceManagerUrl
            ActiveDirectoryAuthority                 = $environment.ActiveDirectoryAuthority
            ActiveDirectoryServiceEndpointResourceId = $environment.ActiveDirectoryServiceEndpointResourceId
        }
        Subscription = [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSAzureSubscription'; Id = $state.SubscriptionId; Name = 'Emulator Subscription'; State = 'Enabled'; TenantId = $state.TenantId }
        Tenant       = [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSAzureTenant'; Id = $state.TenantId }
    }
}

function Get-AzAccessToken {
    [CmdletBinding()]
    param(
        [Alias('Resource', 'ResourceUri')] [string] $ResourceUrl = 'https://management.core.windows.net/',
        [string] $TenantId,
        [switch] $AsSecureString
    )
    $state = Get-StandInState
    if (-not $state) { throw 'Run Connect-AzAccount to login.' }
    $token = Get-ManagedIdentityToken -Resource $ResourceUrl -ClientId $state.ClientId
    $value = if ($AsSecureString -or $env:RPL_STANDIN_AZ_SECURE_TOKEN -eq '1') { ConvertTo-SecureString $token.access_token -AsPlainText -Force } else { $token.access_token }
    [pscustomobject]@{
        PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSAccessToken'
        Token      = $value
        ExpiresOn  = [DateTimeOffset]::FromUnixTimeSeconds([long]$token.expires_on)
        TenantId   = $(if ($TenantId) { $TenantId } else { $state.TenantId })
        UserId     = $token.client_id
        Type       = 'Bearer'
    }
}
