<#
    Real sign-in through Azure.Identity against the emulator's identity endpoints: managed identity (the App Service
    protocol Azure Automation gives a runbook, and IMDS), service principals with a secret or a certificate. The
    emulator runs with --strict-authentication, so only the tokens it issued open ARM: none of this passes on the
    static emulator token.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:CommandType = 'RedisPrivateLink.Commands.ConnectRedisPrivateLinkCommand'
    $script:IdentityVariables = 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'AZURE_POD_IDENTITY_AUTHORITY_HOST', 'MSI_ENDPOINT', 'MSI_SECRET', 'IMDS_ENDPOINT', 'IDENTITY_SERVER_THUMBPRINT'
    $script:SavedVariables = @{}
    foreach ($name in $IdentityVariables) { $SavedVariables[$name] = [Environment]::GetEnvironmentVariable($name) }

    function Start-IdentityEmulator([string[]] $ExtraArgument = @(), [double] $TimeScale = 0.001) {
        $emulator = Start-TestEmulator -TimeScale $TimeScale -ExtraArgument $ExtraArgument
        $connection = Get-Content -Raw $emulator.ConnectionFile | ConvertFrom-Json
        $emulator | Add-Member -NotePropertyMembers @{
            IdentityEndpoint = $connection.identityEndpoint
            IdentityHeader   = $connection.identityHeader
            ImdsEndpoint     = $connection.imdsEndpoint
        } -PassThru
    }

    # What an Azure Automation sandbox sets for a runbook: the App Service protocol's endpoint and secret header.
    function Set-AutomationSandbox($Emulator) {
        Clear-IdentityVariable
        $env:IDENTITY_ENDPOINT = $Emulator.IdentityEndpoint
        $env:IDENTITY_HEADER = $Emulator.IdentityHeader
    }

    function Clear-IdentityVariable {
        foreach ($name in $IdentityVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
    }

    function Get-TokenRequest($Emulator) {
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object { $_.path -match '/msi/token$|/metadata/identity/oauth2/token$|/oauth2/v2\.0/token$' })
    }

    function New-ServicePrincipalCertificate([string] $Path, [securestring] $Password) {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        try {
            $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=rpl-identity-test', $key,
                [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
            $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(1))
            [IO.File]::WriteAllBytes($Path, $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx,
                    [System.Net.NetworkCredential]::new('', $Password).Password))
            [Convert]::ToBase64String($certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Cert))
        }
        finally {
            $key.Dispose()
        }
    }

    $script:Emulator = Start-IdentityEmulator -ExtraArgument '--strict-authentication'
}

AfterAll {
    Disconnect-RedisPrivateLink
    foreach ($name in $IdentityVariables) { [Environment]::SetEnvironmentVariable($name, $SavedVariables[$name]) }
    Stop-TestEmulator $Emulator
}

Describe 'Connect-RedisPrivateLink -Identity against the emulator' {
    BeforeEach {
        Disconnect-RedisPrivateLink
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
    }

    AfterEach { Clear-IdentityVariable }

    It 'signs in as the system-assigned identity of an Automation sandbox (IDENTITY_ENDPOINT, IDENTITY_HEADER) and works in the subscription' {
        Set-AutomationSandbox $Emulator

        $context = Connect-RedisPrivateLink -Identity -EmulatorConnectionFile $Emulator.ConnectionFile

        $context.CredentialType | Should -Be 'ManagedIdentity'
        $context.Account | Should -Be 'MSI@system'
        $context.SubscriptionId | Should -Be $Emulator.SubscriptionId
        $context.TenantId | Should -Be $Emulator.TenantId
        @(Get-RedisPrivateCache) | Should -HaveCount 0
        $requests = Get-TokenRequest $Emulator
        $requests.path | Should -Contain '/msi/token'
        $requests.query | Should -Not -Match 'client_id'
        $requests.status | Should -Not -Contain 401
    }

    It 'signs in as a user-assigned identity (-ClientId) through IMDS' {
        Clear-IdentityVariable
        $env:AZURE_POD_IDENTITY_AUTHORITY_HOST = $Emulator.ImdsEndpoint
        $clientId = [guid]::NewGuid().ToString()

        $context = Connect-RedisPrivateLink -Identity -ClientId $clientId -EmulatorConnectionFile $Emulator.ConnectionFile

        $context.Account | Should -Be "MSI@$clientId"
        $context.SubscriptionId | Should -Be $Emulator.SubscriptionId
        $imds = @(Get-TokenRequest $Emulator | Where-Object path -eq '/metadata/identity/oauth2/token')
        $imds | Should -Not -BeNullOrEmpty
        $imds[0].query | Should -Match "client_id=$clientId"
    }

    It 'stops with AuthenticationFailed when the sandbox''s identity header is wrong' {
        Set-AutomationSandbox $Emulator
        $env:IDENTITY_HEADER = 'not-the-header'

        # An identity no earlier test signed in as: MSAL keeps managed identity tokens in a cache shared by the process.
        { Connect-RedisPrivateLink -Identity -ClientId ([guid]::NewGuid()) -EmulatorConnectionFile $Emulator.ConnectionFile } |
            Should -Throw -ErrorId "AuthenticationFailed,$CommandType"
        Get-RedisPrivateLinkContext -ErrorAction Ignore | Should -BeNullOrEmpty
    }
}

Describe 'Connect-RedisPrivateLink -ServicePrincipal against the emulator' {
    BeforeEach {
        Disconnect-RedisPrivateLink
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
    }

    It 'signs in with -Credential (application id and secret) at the emulator''s Entra token endpoint' {
        $clientId = [guid]::NewGuid().ToString()
        $null = Invoke-EmulatorControl $Emulator '/_emulator/servicePrincipals' -Method POST -Body @{ clientId = $clientId; clientSecret = 'sp-secret-value' }
        $credential = [pscredential]::new($clientId, (ConvertTo-SecureString 'sp-secret-value' -AsPlainText -Force))

        $context = Connect-RedisPrivateLink -ServicePrincipal -Credential $credential -Tenant $Emulator.TenantId -EmulatorConnectionFile $Emulator.ConnectionFile

        $context.CredentialType | Should -Be 'ServicePrincipalSecret'
        $context.Account | Should -Be $clientId
        @(Get-RedisPrivateCache) | Should -HaveCount 0
        (Get-TokenRequest $Emulator).path | Should -Contain "/$($Emulator.TenantId)/oauth2/v2.0/token"
        (Invoke-EmulatorControl $Emulator '/_emulator/requests' | ConvertTo-Json -Depth 5) | Should -Not -Match 'sp-secret-value'
    }

    It 'stops with AuthenticationFailed on a wrong secret, before any ARM call' {
        $clientId = [guid]::NewGuid().ToString()
        $null = Invoke-EmulatorControl $Emulator '/_emulator/servicePrincipals' -Method POST -Body @{ clientId = $clientId; clientSecret = 'right' }
        $credential = [pscredential]::new($clientId, (ConvertTo-SecureString 'wrong' -AsPlainText -Force))

        $thrown = { Connect-RedisPrivateLink -ServicePrincipal -Credential $credential -Tenant $Emulator.TenantId -EmulatorConnectionFile $Emulator.ConnectionFile } |
            Should -Throw -ErrorId "AuthenticationFailed,$CommandType" -PassThru
        $thrown.Exception.Message | Should -Match 'AADSTS7000215'
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object path -like '/subscriptions*') | Should -HaveCount 0
    }

    It 'signs in with -CertificatePath (a .pfx with its password) by a signed client assertion' {
        $clientId = [guid]::NewGuid().ToString()
        $password = ConvertTo-SecureString 'pfx-password' -AsPlainText -Force
        $pfx = Join-Path $Emulator.Directory 'sp.pfx'
        $publicCertificate = New-ServicePrincipalCertificate -Path $pfx -Password $password
        $null = Invoke-EmulatorControl $Emulator '/_emulator/servicePrincipals' -Method POST -Body @{ clientId = $clientId; certificate = $publicCertificate }

        $context = Connect-RedisPrivateLink -ServicePrincipal -ApplicationId $clientId -CertificatePath $pfx -CertificatePassword $password `
            -Tenant $Emulator.TenantId -EmulatorConnectionFile $Emulator.ConnectionFile

        $context.CredentialType | Should -Be 'ServicePrincipalCertificate'
        $context.Account | Should -Be $clientId
        @(Get-RedisPrivateCache) | Should -HaveCount 0
    }

    It 'writes neither the secret nor a token to any stream, with -Verbose and -Debug' {
        $clientId = [guid]::NewGuid().ToString()
        $null = Invoke-EmulatorControl $Emulator '/_emulator/servicePrincipals' -Method POST -Body @{ clientId = $clientId; clientSecret = 'streams-secret-value' }
        $credential = [pscredential]::new($clientId, (ConvertTo-SecureString 'streams-secret-value' -AsPlainText -Force))

        $streams = & {
            Connect-RedisPrivateLink -ServicePrincipal -Credential $credential -Tenant $Emulator.TenantId -EmulatorConnectionFile $Emulator.ConnectionFile -Verbose -Debug
            Get-RedisPrivateCache -Verbose -Debug
        } *>&1 | Out-String -Width 4096

        $streams | Should -Match 'Connected to subscription'
        $streams | Should -Not -Match 'streams-secret-value'
        $streams | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}\.'
    }

    It 'stops with ARM''s InvalidAuthenticationTokenTenant when the principal''s tenant is not the subscription''s' {
        $otherTenant = [guid]::NewGuid().ToString()
        $clientId = [guid]::NewGuid().ToString()
        $null = Invoke-EmulatorControl $Emulator '/_emulator/servicePrincipals' -Method POST -Body @{ clientId = $clientId; tenantId = $otherTenant; clientSecret = 'other' }
        $credential = [pscredential]::new($clientId, (ConvertTo-SecureString 'other' -AsPlainText -Force))

        $thrown = { Connect-RedisPrivateLink -ServicePrincipal -Credential $credential -Tenant $otherTenant -Subscription $Emulator.SubscriptionId -EmulatorConnectionFile $Emulator.ConnectionFile } |
            Should -Throw -ErrorId "InvalidAuthenticationTokenTenant,$CommandType" -PassThru
        $thrown.Exception.Message | Should -Match ([regex]::Escape("https://sts.windows.net/$($Emulator.TenantId)/"))
    }
}

Describe 'Connect-RedisPrivateLink -FromAzContext, reusing a runbook''s Connect-AzAccount -Identity' {
    BeforeAll {
        # Az is not served here: a stand-in Az.Accounts whose objects have Az.Accounts' shapes and whose tokens come
        # from the emulator's managed identity endpoint, as Connect-AzAccount -Identity's do in a runbook.
        Import-Module (Join-Path $PSScriptRoot '../AzAccountsStandIn/Az.Accounts/Az.Accounts.psd1') -Force
    }

    AfterAll {
        Disconnect-AzAccount
        Remove-Module Az.Accounts -Force
        $env:RPL_STANDIN_AZ_SECURE_TOKEN = $null
    }

    BeforeEach {
        Disconnect-RedisPrivateLink
        Disconnect-AzAccount
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        Set-AutomationSandbox $Emulator
    }

    AfterEach { Clear-IdentityVariable }

    It 'takes the subscription, tenant and account of Az''s context, and tokens from Get-AzAccessToken as <Shape>' -TestCases @(
        @{ Shape = 'a string (Az.Accounts before 5)'; Secure = $null }
        @{ Shape = 'a SecureString (Az.Accounts 5 and later)'; Secure = '1' }
    ) {
        $env:RPL_STANDIN_AZ_SECURE_TOKEN = $Secure
        $null = Connect-AzAccount -Identity -Subscription $Emulator.SubscriptionId

        $context = Connect-RedisPrivateLink -FromAzContext -EmulatorConnectionFile $Emulator.ConnectionFile

        $context.CredentialType | Should -Be 'AzContext'
        $context.SubscriptionId | Should -Be $Emulator.SubscriptionId
        $context.TenantId | Should -Be $Emulator.TenantId
        $context.Account | Should -Be 'MSI@50342'
        @(Get-RedisPrivateCache) | Should -HaveCount 0
        $log = @(Invoke-EmulatorControl $Emulator '/_emulator/requests')
        @($log | Where-Object path -eq '/msi/token').Count | Should -BeGreaterThan 1
        @($log | Where-Object status -eq 401) | Should -HaveCount 0
    }

    It 'stops with AzContextNotFound, before any ARM call, when Connect-AzAccount was not run' {
        { Connect-RedisPrivateLink -FromAzContext -EmulatorConnectionFile $Emulator.ConnectionFile } |
            Should -Throw -ErrorId "AzContextNotFound,$CommandType"
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests') | Should -HaveCount 0
    }
}

Describe 'Tokens that expire during a long command' {
    BeforeAll {
        # Tokens live 3 s; a cache create takes about 6 s at this time scale, so the plan outlives several tokens.
        $script:ShortLived = Start-IdentityEmulator -ExtraArgument '--token-lifetime', '3', '--strict-authentication' -TimeScale 0.005
    }

    AfterAll {
        Disconnect-RedisPrivateLink
        Stop-TestEmulator $ShortLived
    }

    It 'keeps New-RedisPrivateCache working to the end: the managed identity''s tokens are renewed' {
        Set-AutomationSandbox $ShortLived
        # A user-assigned identity of its own, so no token cached from another emulator (MSAL's cache is per process) is used.
        $null = Connect-RedisPrivateLink -Identity -ClientId ([guid]::NewGuid()) -EmulatorConnectionFile $ShortLived.ConnectionFile

        $cache = New-RedisPrivateCache -Name 'identity-cache' -ResourceGroupName 'rg-identity' -Location 'eastus' -Sku Standard -Size C1 `
            -VirtualNetworkName 'vnet-identity' -AddressPrefix 10.40.0.0/16 -SubnetName 'endpoints' -SubnetPrefix 10.40.1.0/24 -Confirm:$false

        $cache.ProvisioningState | Should -Be 'Succeeded'
        @((Get-RedisPrivateCache -ResourceGroupName 'rg-identity' -Name 'identity-cache').PrivateEndpoints) | Should -HaveCount 1
        $log = @(Invoke-EmulatorControl $ShortLived '/_emulator/requests')
        @($log | Where-Object status -eq 401) | Should -HaveCount 0
        @($log | Where-Object path -eq '/msi/token').Count | Should -BeGreaterThan 1
    }

    It 'refuses a create before any write when a static -AccessToken expires before the plan''s expected end' {
        Clear-IdentityVariable
        $issued = Invoke-RestMethod -Uri "$($ShortLived.IdentityEndpoint)?api-version=2019-08-01&resource=https://management.azure.com" `
            -Headers @{ 'X-IDENTITY-HEADER' = $ShortLived.IdentityHeader } -SkipCertificateCheck
        $null = Connect-RedisPrivateLink -AccessToken (ConvertTo-SecureString $issued.access_token -AsPlainText -Force) -EmulatorConnectionFile $ShortLived.ConnectionFile
        $null = Invoke-EmulatorControl $ShortLived '/_emulator/requests' -Method DELETE

        { New-RedisPrivateCache -Name 'token-cache' -ResourceGroupName 'rg-token' -Location 'eastus' -Sku Standard -Size C1 `
                -VirtualNetworkName 'vnet-token' -AddressPrefix 10.42.0.0/16 -SubnetName 'endpoints' -SubnetPrefix 10.42.1.0/24 -Confirm:$false } |
            Should -Throw -ErrorId 'AccessTokenExpiresTooSoon,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand'
        Get-EmulatorWrite $ShortLived | Should -HaveCount 0
    }

    It 'keeps New-RedisPrivateCache working to the end with -FromAzContext: Get-AzAccessToken is asked again' {
        Set-AutomationSandbox $ShortLived
        Import-Module (Join-Path $PSScriptRoot '../AzAccountsStandIn/Az.Accounts/Az.Accounts.psd1') -Force
        try {
            $null = Connect-AzAccount -Identity -AccountId ([guid]::NewGuid()) -Subscription $ShortLived.SubscriptionId
            $null = Connect-RedisPrivateLink -FromAzContext -EmulatorConnectionFile $ShortLived.ConnectionFile
            $null = Invoke-EmulatorControl $ShortLived '/_emulator/requests' -Method DELETE

            $cache = New-RedisPrivateCache -Name 'azcontext-cache' -ResourceGroupName 'rg-azcontext' -Location 'eastus' -Sku Standard -Size C1 `
                -VirtualNetworkName 'vnet-azcontext' -AddressPrefix 10.41.0.0/16 -SubnetName 'endpoints' -SubnetPrefix 10.41.1.0/24 -Confirm:$false

            $cache.ProvisioningState | Should -Be 'Succeeded'
            $log = @(Invoke-EmulatorControl $ShortLived '/_emulator/requests')
            @($log | Where-Object status -eq 401) | Should -HaveCount 0
            @($log | Where-Object path -eq '/msi/token').Count | Should -BeGreaterThan 1
        }
        finally {
            Disconnect-AzAccount
            Remove-Module Az.Accounts -Force
        }
    }
}

Describe 'Tokens that expire during a migration' {
    BeforeAll {
        # Not strict, so the test can arrange the VNet-injected source with the static token; the emulator's own tokens
        # (the module's) are checked all the same, and live 3 s against a migration of several creates' length.
        $script:Migrating = Start-IdentityEmulator -ExtraArgument '--token-lifetime', '3' -TimeScale 0.005
        $sub = $Migrating.SubscriptionId
        $null = Invoke-EmulatorArm $Migrating "/subscriptions/$sub/resourceGroups/rg-migrate" -ApiVersion 2021-04-01 -Method PUT -Body @{ location = 'eastus' }
        $network = "/subscriptions/$sub/resourceGroups/rg-migrate/providers/Microsoft.Network/virtualNetworks/vnet-legacy"
        $null = Invoke-EmulatorArm $Migrating $network -ApiVersion 2024-05-01 -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.43.0.0/16') }; subnets = @(@{ name = 'cache'; properties = @{ addressPrefix = '10.43.1.0/24' } }) }
        }
        $script:LegacyCache = "/subscriptions/$sub/resourceGroups/rg-migrate/providers/Microsoft.Cache/redis/legacy-cache"
        $null = Invoke-EmulatorArm $Migrating $LegacyCache -ApiVersion 2024-11-01 -Method PUT -Body @{
            location = 'eastus'; properties = @{ sku = @{ name = 'Premium'; family = 'P'; capacity = 1 }; subnetId = "$network/subnets/cache" }
        }
        Wait-EmulatorProvisioned $Migrating $LegacyCache -ApiVersion 2024-11-01
    }

    AfterAll {
        Disconnect-RedisPrivateLink
        Clear-IdentityVariable
        Stop-TestEmulator $Migrating
    }

    It 'keeps Convert-VNetCacheToPrivateEndpoint working to the end: the managed identity''s tokens are renewed' {
        Set-AutomationSandbox $Migrating
        $null = Connect-RedisPrivateLink -Identity -ClientId ([guid]::NewGuid()) -EmulatorConnectionFile $Migrating.ConnectionFile
        $null = Invoke-EmulatorControl $Migrating '/_emulator/requests' -Method DELETE

        $target = Convert-VNetCacheToPrivateEndpoint -Name legacy-cache -ResourceGroupName rg-migrate -NewName legacy-cache-pl `
            -SubnetName endpoints -SubnetPrefix 10.43.2.0/24 -KeepSource -Confirm:$false -WarningAction SilentlyContinue

        $target.ProvisioningState | Should -Be 'Succeeded'
        $target.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        $log = @(Invoke-EmulatorControl $Migrating '/_emulator/requests')
        @($log | Where-Object status -eq 401) | Should -HaveCount 0
        @($log | Where-Object path -eq '/msi/token').Count | Should -BeGreaterThan 1
    }
}
