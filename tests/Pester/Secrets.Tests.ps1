<#
    The secrets audit: every cmdlet runs with -Verbose -Debug in a child PowerShell whose every stream is captured as
    text, with its output objects rendered by Format-List * and ConvertTo-Json; that text, the emulator's request log
    and any file written must hold no access key, no token, no storage account key and no SAS signature (Convert's
    -StorageContainerUri among them). The child runs with a HOME and a temp folder of its own, so whatever the module
    writes there is seen. Then: Disconnect clears the context.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:Emulator = Start-TestEmulator
    $script:Sub = $Emulator.SubscriptionId

    # Recognisable secrets. The account key is base64 as Azure's are; the SAS signature is URL-encoded as in a SAS.
    $script:AccountKey = 'UGVzdGVyQWNjb3VudEtleVNlY3JldDAxMjM0NTY3ODlBQkNERUY+Pw=='
    $script:SasSignature = 'PesterSasSig0123456789abcdefGHIJKLmnop%3D'
    $script:RdbConnection = "DefaultEndpointsProtocol=https;AccountName=pestersecrets;AccountKey=$AccountKey;EndpointSuffix=core.windows.net"
    $script:AofConnection = "BlobEndpoint=https://pestersecrets.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&spr=https&sig=$SasSignature"
    $toBase64Url = { param($text) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    $script:PlainToken = 'PesterPlainOpaqueToken0123456789abcdefXYZ'
    $script:JwtSignature = 'PesterFakeJwtSignature_0123456789-abcdefXYZ'
    $script:Jwt = (& $toBase64Url '{"alg":"RS256","typ":"JWT"}') + '.' +
        (& $toBase64Url ('{"aud":"https://management.azure.com/","tid":"' + $Emulator.TenantId + '","oid":"33333333-3333-3333-3333-333333333333","upn":"pester@example.com","exp":4102444800}')) +
        '.' + $JwtSignature

    # The storage account persistence writes to (its firewall open, so the module accepts it).
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-sec" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-sec/providers/Microsoft.Storage/storageAccounts/pestersecrets" -ApiVersion $ArmApiVersion.Storage -Method PUT -Body @{
        location = 'eastus'; kind = 'StorageV2'; sku = @{ name = 'Standard_LRS' }; properties = @{ networkAcls = @{ defaultAction = 'Allow' } }
    }
    # And one whose firewall denies by default, so New-RedisPrivateCache refuses it (the refusal must not echo the key).
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-sec/providers/Microsoft.Storage/storageAccounts/pesterdenied" -ApiVersion $ArmApiVersion.Storage -Method PUT -Body @{
        location = 'eastus'; kind = 'StorageV2'; sku = @{ name = 'Standard_LRS' }; properties = @{ networkAcls = @{ defaultAction = 'Deny' } }
    }
    # VNet-injected Premium caches for Convert-VNetCacheToPrivateEndpoint, side by side and with -TargetSku; their keys
    # are read now, as the migrations delete them.
    $script:ContainerUri = "https://pestersecrets.blob.core.windows.net/migration?sv=2024-11-04&sr=c&sp=rwl&sig=$SasSignature"
    $script:SourceKeys = foreach ($source in @{ Name = 'pester-sec-legacy'; Octet = 86 }, @{ Name = 'pester-sec-amr-src'; Octet = 87 }) {
        $vnetPath = "/subscriptions/$Sub/resourceGroups/rg-sec/providers/Microsoft.Network/virtualNetworks/vnet-$($source.Octet)"
        $null = Invoke-EmulatorArm $Emulator $vnetPath -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @("10.$($source.Octet).0.0/16") }; subnets = @(@{ name = 'cache'; properties = @{ addressPrefix = "10.$($source.Octet).1.0/24" } }) }
        }
        $null = Wait-EmulatorProvisioned $Emulator $vnetPath -ApiVersion $ArmApiVersion.Network
        $cachePath = "/subscriptions/$Sub/resourceGroups/rg-sec/providers/Microsoft.Cache/redis/$($source.Name)"
        $null = Invoke-EmulatorArm $Emulator $cachePath -ApiVersion $ArmApiVersion.Redis -Method PUT -Body @{
            location = 'eastus'; properties = @{ sku = @{ name = 'Premium'; family = 'P'; capacity = 1 }; subnetId = "$vnetPath/subnets/cache" }
        }
        $null = Wait-EmulatorProvisioned $Emulator $cachePath -ApiVersion $ArmApiVersion.Redis
        $listed = (Invoke-EmulatorArm $Emulator "$cachePath/listKeys" -ApiVersion $ArmApiVersion.Redis -Method POST).Body
        [string] $listed.primaryKey
        [string] $listed.secondaryKey
    }
    $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

    # The child gets a HOME and a temp folder of its own: anything the module writes lands there.
    $script:ChildRoot = Join-Path ([IO.Path]::GetTempPath()) ("rpl-secrets-" + [guid]::NewGuid().ToString('n'))
    $script:ChildHome = Join-Path $ChildRoot 'home'
    $script:ChildTemp = Join-Path $ChildRoot 'tmp'
    $null = New-Item -ItemType Directory $ChildHome, $ChildTemp

    # Files a listing compares: name, size and time of every file under a folder.
    function script:Get-FileListing([string] $Path) {
        if (-not (Test-Path $Path)) { return @() }
        @(Get-ChildItem -LiteralPath $Path -Recurse -Force -File -ErrorAction SilentlyContinue |
                ForEach-Object { '{0}|{1}|{2:o}' -f $_.FullName, $_.Length, $_.LastWriteTimeUtc })
    }
    # What PowerShell and the .NET runtime write for any process, module or not: not the module's doing.
    function script:Test-RuntimeFile([string] $Entry) {
        $Entry -match '[/\\]\.cache[/\\]powershell[/\\]|[/\\]\.local[/\\]share[/\\]powershell[/\\]|[/\\]\.dotnet[/\\]|[/\\]\.net[/\\]|clr-debug-pipe|dotnet-diagnostic-|CoreFxPipe_|[/\\]rpl-child-[0-9a-f]{32}\.ps1\|'
    }

    $script:ModuleListingBefore = Get-FileListing $env:RPL_TEST_MODULE
    $script:ChildListingBefore = Get-FileListing $ChildRoot

    $savedHome = $env:HOME
    $savedTemp = $env:TMPDIR
    try {
        $env:HOME = $ChildHome
        $env:TMPDIR = $ChildTemp
        $script:Lines = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $Emulator.ConnectionFile, $RdbConnection, $AofConnection, $Jwt, $Emulator.Endpoint, $Sub, $PlainToken, $ContainerUri -Script {
            param($module, $connectionFile, $rdbConnection, $aofConnection, $jwt, $endpoint, $subscription, $plainToken, $containerUri)
            $ErrorActionPreference = 'Stop'
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $InformationPreference = 'Continue'
            $WarningPreference = 'Continue'
            $ProgressPreference = 'SilentlyContinue'
            # -Debug makes a warning prompt (Inquire) unless -WarningAction is given; the child cannot answer.
            $PSDefaultParameterValues['*-Redis*:WarningAction'] = 'Continue'
            Import-Module $module

            # Runs one command, writing every record of every stream and every output object (as Format-List * and
            # JSON) as text; a terminating error is written whole, with its exception chain.
            function Invoke-Captured([string] $Label, [scriptblock] $Block) {
                "=== $Label"
                try {
                    foreach ($item in @(& $Block *>&1)) {
                        switch ($item) {
                            { $_ -is [System.Management.Automation.ErrorRecord] } { "ERROR: $($_.FullyQualifiedErrorId): $_"; $_.Exception.ToString(); break }
                            { $_ -is [System.Management.Automation.VerboseRecord] } { "VERBOSE: $($_.Message)"; break }
                            { $_ -is [System.Management.Automation.DebugRecord] } { "DEBUG: $($_.Message)"; break }
                            { $_ -is [System.Management.Automation.WarningRecord] } { "WARNING: $($_.Message)"; break }
                            { $_ -is [System.Management.Automation.InformationRecord] } { "INFORMATION: $($_.MessageData)"; break }
                            default {
                                "OBJECT: $($_.GetType().FullName)"
                                $_ | Format-List * -Force | Out-String -Width 4096
                                $_ | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
                            }
                        }
                    }
                }
                catch {
                    "THROWN: $($_.FullyQualifiedErrorId)"
                    $_ | Format-List * -Force | Out-String -Width 4096
                    $_.Exception.ToString()
                }
            }

            $configuration = @{
                'rdb-backup-enabled' = 'true'; 'rdb-backup-frequency' = '60'; 'rdb-storage-connection-string' = $rdbConnection
                'aof-storage-connection-string-0' = $aofConnection
            }
            $network = @{ AddressPrefix = '10.81.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.81.1.0/24' }

            Invoke-Captured 'Connect-RedisPrivateLink -EmulatorConnectionFile' { Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile -Verbose -Debug }
            Invoke-Captured 'New-RedisPrivateCache' {
                New-RedisPrivateCache -Name pester-sec -ResourceGroupName rg-sec -Location eastus -Sku Premium -Size P1 -VirtualNetworkName vnet-81 @network `
                    -RedisConfiguration $configuration -Verbose -Debug -Confirm:$false
            }
            Invoke-Captured 'New-RedisPrivateCache (re-run)' {
                New-RedisPrivateCache -Name pester-sec -ResourceGroupName rg-sec -Location eastus -Sku Premium -Size P1 -VirtualNetworkName vnet-81 @network `
                    -RedisConfiguration $configuration -Verbose -Debug -Confirm:$false
            }
            Invoke-Captured 'New-RedisPrivateCache -WhatIf' {
                New-RedisPrivateCache -Name pester-sec-whatif -ResourceGroupName rg-sec -Location eastus -Sku Premium -Size P1 -VirtualNetworkName vnet-84 `
                    -AddressPrefix 10.84.0.0/16 -SubnetName endpoints -SubnetPrefix 10.84.1.0/24 -RedisConfiguration $configuration -Verbose -Debug -WhatIf
            }
            Invoke-Captured 'New-RedisPrivateCache (refused: persistence on Standard)' {
                New-RedisPrivateCache -Name pester-sec-std -ResourceGroupName rg-sec -Location eastus -VirtualNetworkName vnet-84 `
                    -AddressPrefix 10.84.0.0/16 -SubnetName endpoints -SubnetPrefix 10.84.1.0/24 -RedisConfiguration $configuration -Verbose -Debug -Confirm:$false
            }
            Invoke-Captured 'New-RedisPrivateCache (refused: a connection string missing its separator)' {
                New-RedisPrivateCache -Name pester-sec-bad -ResourceGroupName rg-sec -Location eastus -Sku Premium -Size P1 -VirtualNetworkName vnet-84 `
                    -AddressPrefix 10.84.0.0/16 -SubnetName endpoints -SubnetPrefix 10.84.1.0/24 -Verbose -Debug -Confirm:$false `
                    -RedisConfiguration @{ 'rdb-backup-enabled' = 'true'; 'rdb-storage-connection-string' = $rdbConnection.Replace(';AccountKey', 'AccountKey') }
            }
            Invoke-Captured 'New-RedisPrivateCache (refused: storage behind a firewall)' {
                New-RedisPrivateCache -Name pester-sec-fw -ResourceGroupName rg-sec -Location eastus -Sku Premium -Size P1 -VirtualNetworkName vnet-84 `
                    -AddressPrefix 10.84.0.0/16 -SubnetName endpoints -SubnetPrefix 10.84.1.0/24 -Verbose -Debug -Confirm:$false `
                    -RedisConfiguration @{ 'rdb-backup-enabled' = 'true'; 'rdb-storage-connection-string' = $rdbConnection.Replace('pestersecrets', 'pesterdenied') }
            }
            Invoke-Captured 'Get-RedisPrivateCache -Name' { Get-RedisPrivateCache -ResourceGroupName rg-sec -Name pester-sec -Verbose -Debug }
            Invoke-Captured 'Get-RedisPrivateCache (list)' { Get-RedisPrivateCache -Verbose -Debug }
            Invoke-Captured 'Add-RedisPrivateEndpoint (manual 1)' {
                Add-RedisPrivateEndpoint -CacheName pester-sec -ResourceGroupName rg-sec -Name pester-sec-m1 -VirtualNetworkName vnet-82 -AddressPrefix 10.82.0.0/16 `
                    -SubnetName endpoints -SubnetPrefix 10.82.1.0/24 -ManualApproval -RequestMessage 'please' -Verbose -Debug -Confirm:$false
            }
            Invoke-Captured 'Add-RedisPrivateEndpoint (manual 2)' {
                Get-RedisPrivateCache -ResourceGroupName rg-sec -Name pester-sec |
                    Add-RedisPrivateEndpoint -Name pester-sec-m2 -VirtualNetworkName vnet-83 -AddressPrefix 10.83.0.0/16 `
                        -SubnetName endpoints -SubnetPrefix 10.83.1.0/24 -ManualApproval -Verbose -Debug -Confirm:$false
            }
            Invoke-Captured 'Get-RedisPrivateEndpoint' { Get-RedisPrivateEndpoint -Verbose -Debug }
            Invoke-Captured 'Get-RedisPrivateEndpoint -CacheId' { Get-RedisPrivateCache -ResourceGroupName rg-sec -Name pester-sec | Get-RedisPrivateEndpoint -Verbose -Debug }
            Invoke-Captured 'Approve-RedisPrivateEndpointConnection' { Get-RedisPrivateEndpoint -Name pester-sec-m1 | Approve-RedisPrivateEndpointConnection -Description 'ok' -Verbose -Debug -Confirm:$false }
            Invoke-Captured 'Deny-RedisPrivateEndpointConnection' { Get-RedisPrivateEndpoint -Name pester-sec-m2 | Deny-RedisPrivateEndpointConnection -Description 'no' -Verbose -Debug -Confirm:$false }
            Invoke-Captured 'Set-RedisPublicNetworkAccess Enabled' { Set-RedisPublicNetworkAccess -Name pester-sec -ResourceGroupName rg-sec -PublicNetworkAccess Enabled -Verbose -Debug -Confirm:$false }
            Invoke-Captured 'Set-RedisPublicNetworkAccess Disabled' { Set-RedisPublicNetworkAccess -Name pester-sec -ResourceGroupName rg-sec -PublicNetworkAccess Disabled -Verbose -Debug -Confirm:$false }
            Invoke-Captured 'Remove-RedisPrivateEndpoint' { Remove-RedisPrivateEndpoint -Name pester-sec-m1 -ResourceGroupName rg-sec -RemoveDnsZoneLink -PassThru -Verbose -Debug -Confirm:$false }
            Invoke-Captured 'Remove-RedisPrivateEndpoint (refused: the last one)' { Remove-RedisPrivateEndpoint -Name pester-sec-pe -ResourceGroupName rg-sec -Verbose -Debug -Confirm:$false }
            # Convert is no *-Redis* command, so it is given -WarningAction itself.
            $migration = @{ ResourceGroupName = 'rg-sec'; SubnetName = 'endpoints'; DataMigration = 'ExportImport'; Force = $true; WarningAction = 'Continue' }
            Invoke-Captured 'Convert-VNetCacheToPrivateEndpoint (side by side)' {
                Convert-VNetCacheToPrivateEndpoint -Name pester-sec-legacy -NewName pester-sec-modern -SubnetPrefix 10.86.2.0/24 @migration `
                    -StorageContainerUri (ConvertTo-SecureString $containerUri -AsPlainText -Force) -Verbose -Debug -Confirm:$false
            }
            Invoke-Captured 'Convert-VNetCacheToPrivateEndpoint -TargetSku' {
                Convert-VNetCacheToPrivateEndpoint -Name pester-sec-amr-src -NewName pester-sec-amr-dst -TargetSku Suggested -EnableAccessKeysAuthentication `
                    -SubnetPrefix 10.87.2.0/24 @migration -StorageContainerUri (ConvertTo-SecureString $containerUri -AsPlainText -Force) -Verbose -Debug -Confirm:$false
            }
            Invoke-Captured 'Convert-VNetCacheToPrivateEndpoint (refused: re-run without -TargetSku)' {
                Convert-VNetCacheToPrivateEndpoint -Name pester-sec-amr-src -NewName pester-sec-amr-dst -SubnetPrefix 10.87.2.0/24 @migration `
                    -StorageContainerUri (ConvertTo-SecureString $containerUri -AsPlainText -Force) -Verbose -Debug -Confirm:$false
            }
            Invoke-Captured 'Get-RedisPrivateLinkContext' { Get-RedisPrivateLinkContext -Verbose -Debug }
            Invoke-Captured 'Disconnect-RedisPrivateLink' { Disconnect-RedisPrivateLink -Verbose -Debug }
            # The emulator's certificate is pinned only through the connection file, so this one fails (TLS); its
            # failure must not show the token either.
            Invoke-Captured 'Connect-RedisPrivateLink -AccessToken' {
                Connect-RedisPrivateLink -AccessToken (ConvertTo-SecureString $jwt -AsPlainText -Force) -ResourceManagerUrl $endpoint -Subscription $subscription -Verbose -Debug
            }
            Invoke-Captured 'Connect-RedisPrivateLink -AccessToken (not a JWT)' {
                Connect-RedisPrivateLink -AccessToken (ConvertTo-SecureString $plainToken -AsPlainText -Force) -ResourceManagerUrl $endpoint -Subscription $subscription -Verbose -Debug
            }
            Invoke-Captured 'Get-RedisPrivateLinkContext (after the failed Connect)' { Get-RedisPrivateLinkContext | Format-List * -Force | Out-String; Get-RedisPrivateLinkContext | ConvertTo-Json -Depth 3 }
            '=== $Error'
            foreach ($record in $Error) { $record | Format-List * -Force | Out-String -Width 4096; $record.Exception.ToString() }
            '=== done'
        }
    }
    finally {
        $env:HOME = $savedHome
        $env:TMPDIR = $savedTemp
    }
    $script:Text = $Lines -join "`n"
    # For diagnosing a failure: RPL_SECRETS_DUMP names a file to receive everything the child wrote.
    if ($env:RPL_SECRETS_DUMP) { Set-Content -LiteralPath $env:RPL_SECRETS_DUMP -Value $Text }
    $script:ModuleListingAfter = Get-FileListing $env:RPL_TEST_MODULE
    $script:ChildListingAfter = Get-FileListing $ChildRoot
    if ($env:RPL_SECRETS_DUMP) { Set-Content -LiteralPath "$($env:RPL_SECRETS_DUMP).files" -Value $ChildListingAfter }
    $script:RequestLog = Invoke-EmulatorControl $Emulator '/_emulator/requests' | ConvertTo-Json -Depth 5

    $keys = (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-sec/providers/Microsoft.Cache/redis/pester-sec/listKeys" -ApiVersion $ArmApiVersion.Redis -Method POST).Body
    $modernKeys = (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-sec/providers/Microsoft.Cache/redis/pester-sec-modern/listKeys" -ApiVersion $ArmApiVersion.Redis -Method POST).Body
    $managedKeys = (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-sec/providers/Microsoft.Cache/redisEnterprise/pester-sec-amr-dst/databases/default/listKeys" -ApiVersion $ArmApiVersion.RedisEnterprise -Method POST).Body
    $script:AccessKeys = @($keys.primaryKey, $keys.secondaryKey) + @($SourceKeys) +
        @($modernKeys.primaryKey, $modernKeys.secondaryKey, $managedKeys.primaryKey, $managedKeys.secondaryKey)

    # Every form a secret could take in text: as is, JSON-escaped, URL-decoded.
    # Every form a secret could take in text: as is, JSON-escaped (either way), URL-decoded, and its leading run of
    # letters and digits, which no escaping changes.
    function script:Get-SecretForm([string] $Secret) {
        $escaped = $Secret.Replace('+', '\u002B').Replace('&', '\u0026').Replace('=', '\u003D').Replace('/', '\/')
        $core = [regex]::Match($Secret, '^[A-Za-z0-9]{16,}').Value
        @($Secret, ($Secret | ConvertTo-Json).Trim('"'), $escaped, [uri]::UnescapeDataString($Secret), $core) | Where-Object { $_ } | Select-Object -Unique
    }

    # The text without the debug records, to tell a leak in debug (HTTP bodies) from one anywhere else.
    $kind = ''
    $script:NonDebugText = @(foreach ($line in $Lines) {
            if ($line -match '^(===|DEBUG:|VERBOSE:|WARNING:|INFORMATION:|ERROR:|OBJECT:|THROWN:)') { $kind = $Matches[1] }
            if ($kind -ne 'DEBUG:') { $line }
        }) -join "`n"
    $script:DebugText = @(foreach ($line in $Lines) {
            if ($line -match '^(===|DEBUG:|VERBOSE:|WARNING:|INFORMATION:|ERROR:|OBJECT:|THROWN:)') { $kind = $Matches[1] }
            if ($kind -eq 'DEBUG:') { $line }
        }) -join "`n"
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
    Remove-Item -Recurse -Force $ChildRoot -ErrorAction SilentlyContinue
}

Describe 'Secrets: nothing leaks' {
    It 'captured every stream of every cmdlet (so the searches below are not vacuous)' {
        $Text | Should -Match '=== done'
        $Text | Should -Match 'VERBOSE: PUT /subscriptions/.*/Microsoft\.Cache/redis/pester-sec\b'
        $Text | Should -Match 'DEBUG: HTTP request PUT '
        $Text | Should -Match 'DEBUG: HTTP response 20\d '
        $Text | Should -Match 'OBJECT: RedisPrivateLink\.Engine\.Caches\.RedisPrivateCache'
        $Text | Should -Match 'OBJECT: RedisPrivateLink\.Engine\.Caches\.RedisPrivateEndpoint'
        $Text | Should -Match 'OBJECT: RedisPrivateLink\.Engine\.Context\.RedisPrivateLinkContext'
        foreach ($command in 'Approve', 'Reject', 'publicNetworkAccess', 'DELETE') { $Text | Should -Match $command }
        $Text | Should -Match 'THROWN: LastPrivateEndpoint'
        $Text | Should -Match 'THROWN: PremiumFeatureRequiresPremiumSku'
        $Text | Should -Match 'THROWN: InvalidPersistenceConnectionString'
        $Text | Should -Match 'THROWN: PersistenceStorageFirewallUnsupported'
        ($Text -split '=== Connect-RedisPrivateLink -AccessToken')[1] | Should -Match 'THROWN: '
        @($AccessKeys | Where-Object { $_ }).Count | Should -Be 10
    }

    It 'captured both migrations and the refused re-run, with the container URI in the requests they sent' {
        $sideBySide = ($Text -split '=== Convert-VNetCacheToPrivateEndpoint \(side by side\)')[1] -split '=== ' | Select-Object -First 1
        $sideBySide | Should -Match 'OBJECT: RedisPrivateLink\.Engine\.Caches\.RedisPrivateCache'
        $sideBySide | Should -Match 'VERBOSE: POST /subscriptions/.*/Microsoft\.Cache/redis/pester-sec-legacy/export'
        $sideBySide | Should -Match 'DEBUG: HTTP request POST .*/pester-sec-legacy/export'
        $sideBySide | Should -Not -Match 'THROWN: '
        $toManaged = ($Text -split '=== Convert-VNetCacheToPrivateEndpoint -TargetSku')[1] -split '=== ' | Select-Object -First 1
        $toManaged | Should -Match 'OBJECT: RedisPrivateLink\.Engine\.Caches\.RedisPrivateCache'
        $toManaged | Should -Match 'VERBOSE: POST /subscriptions/.*/Microsoft\.Cache/redisEnterprise/pester-sec-amr-dst/databases/default/import'
        $toManaged | Should -Not -Match 'THROWN: '
        $Text | Should -Match 'THROWN: MigrationTargetKindMismatch'
        $RequestLog | Should -Match 'pester-sec-legacy/export'
    }

    It 'the cache holds the secrets the audit looks for' {
        $cache = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-sec/providers/Microsoft.Cache/redis/pester-sec" -ApiVersion $ArmApiVersion.Redis
        $cache.Body.properties.sku.name | Should -Be 'Premium'
        $cache.Body.properties.redisConfiguration.'rdb-backup-enabled' | Should -Be 'true'
    }

    It 'shows no access key of the cache in any stream or output object' {
        $Text | Should -Match '"primaryKey":"\*\*\*REDACTED\*\*\*"' -Because 'the create answer, which carries the keys, was captured redacted'
        foreach ($key in $AccessKeys) {
            foreach ($form in Get-SecretForm $key) { $Text.Contains($form) | Should -BeFalse -Because "access key $($key.Substring(0, 4))... must not appear" }
        }
    }

    It 'shows no storage account key in verbose, warnings, errors or output objects' {
        $NonDebugText | Should -Match 'VERBOSE: ' -Because 'the split must keep the non-debug records'
        foreach ($form in Get-SecretForm $AccountKey) { $NonDebugText.Contains($form) | Should -BeFalse }
    }

    # Regression: the persistence keys (rdb-storage-connection-string, aof-storage-connection-string-N) once went to
    # debug in clear, in New's PUT body and every response body of the cache.
    It 'shows no storage account key in debug' {
        $DebugText | Should -Match 'HTTP request PUT' -Because 'debug was captured'
        foreach ($form in Get-SecretForm $AccountKey) { $DebugText.Contains($form) | Should -BeFalse }
        $DebugText | Should -Not -Match 'AccountKey=(?!\*\*\*REDACTED)'
    }

    It 'shows no SAS signature in verbose, warnings, errors or output objects' {
        foreach ($form in Get-SecretForm $SasSignature) { $NonDebugText.Contains($form) | Should -BeFalse }
    }

    # Regression: in a JSON request body '&' is escaped as \u0026, and the signature after it once went to debug in clear.
    It 'shows no SAS signature in debug' {
        foreach ($form in Get-SecretForm $SasSignature) { $DebugText.Contains($form) | Should -BeFalse }
    }

    It 'shows no token, and redacts every Authorization header in debug' {
        $Text.Contains($Jwt) | Should -BeFalse
        $Text.Contains($JwtSignature) | Should -BeFalse
        $Text.Contains($PlainToken) | Should -BeFalse
        $Text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}\.'
        $authorization = @($Lines | Where-Object { $_ -match 'Authorization\s*:' })
        $authorization.Count | Should -BeGreaterThan 0 -Because 'debug shows request headers'
        $authorization | Where-Object { $_ -notmatch 'Authorization\s*:\s*\*\*\*REDACTED\*\*\*\s*$' } | Should -BeNullOrEmpty
        $Text | Should -Not -Match 'Bearer\s+(?!\*\*\*REDACTED)[A-Za-z0-9]'
    }

    It 'leaves no secret in the emulator''s request log' {
        $RequestLog | Should -Not -BeNullOrEmpty
        foreach ($secret in @($AccessKeys) + $AccountKey, $SasSignature, $Jwt, $JwtSignature, $PlainToken) {
            foreach ($form in Get-SecretForm $secret) { $RequestLog.Contains($form) | Should -BeFalse }
        }
    }

    It 'writes no file: not in HOME, not in the temp folder, not in the module folder' {
        @($ModuleListingAfter | Where-Object { $_ -notin $ModuleListingBefore }) | Should -BeNullOrEmpty
        @($ModuleListingBefore | Where-Object { $_ -notin $ModuleListingAfter }) | Should -BeNullOrEmpty
        $written = @($ChildListingAfter | Where-Object { $_ -notin $ChildListingBefore -and -not (Test-RuntimeFile $_) })
        $written | Should -BeNullOrEmpty
    }

    It 'writes no file anywhere under HOME or temp holding a secret' {
        $files = Get-ChildItem -LiteralPath $ChildRoot -Recurse -Force -File -ErrorAction SilentlyContinue
        foreach ($file in $files) {
            $content = [IO.File]::ReadAllText($file.FullName)
            foreach ($secret in @($AccessKeys) + $AccountKey, $SasSignature, $JwtSignature, $PlainToken) {
                $content.Contains($secret) | Should -BeFalse -Because "$($file.FullName) must not hold a secret"
            }
        }
    }
}

Describe 'Disconnect clears the context' {
    BeforeAll {
        $script:Closed = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
        Disconnect-RedisPrivateLink
    }

    It 'leaves no session context' {
        Get-RedisPrivateLinkContext | Should -BeNullOrEmpty
    }

    It 'refuses the disconnected context object given with -Context: <Command>' -ForEach @(
        @{ Command = 'Get-RedisPrivateCache'; Arguments = @{} }
        @{ Command = 'Get-RedisPrivateEndpoint'; Arguments = @{} }
        @{ Command = 'New-RedisPrivateCache'; Arguments = @{ Name = 'pester-sec-x'; ResourceGroupName = 'rg-sec'; Location = 'eastus'; VirtualNetworkName = 'vnet-85'; AddressPrefix = '10.85.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.85.1.0/24'; Confirm = $false } }
        @{ Command = 'Add-RedisPrivateEndpoint'; Arguments = @{ CacheName = 'pester-sec'; ResourceGroupName = 'rg-sec'; VirtualNetworkName = 'vnet-85'; AddressPrefix = '10.85.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.85.1.0/24'; Confirm = $false } }
        @{ Command = 'Set-RedisPublicNetworkAccess'; Arguments = @{ Name = 'pester-sec'; ResourceGroupName = 'rg-sec'; PublicNetworkAccess = 'Enabled'; Confirm = $false } }
        @{ Command = 'Remove-RedisPrivateEndpoint'; Arguments = @{ Name = 'pester-sec-pe'; ResourceGroupName = 'rg-sec'; Force = $true; Confirm = $false } }
        @{ Command = 'Approve-RedisPrivateEndpointConnection'; Arguments = @{ CacheId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.Cache/redis/pester-sec"; ConnectionName = 'x'; Confirm = $false } }
        @{ Command = 'Deny-RedisPrivateEndpointConnection'; Arguments = @{ CacheId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.Cache/redis/pester-sec"; ConnectionName = 'x'; Confirm = $false } }
    ) {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        { & $Command @Arguments -Context $Closed -ErrorAction Stop } |
            Should -Throw -ErrorId "ContextDisconnected,RedisPrivateLink.Commands.$($Command.Replace('-', ''))Command"
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests') | Should -BeNullOrEmpty -Because 'a closed context reaches no ARM'
    }

    It 'shows no token in the closed context' {
        $text = ($Closed | Format-List * -Force | Out-String) + ($Closed | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue)
        $text | Should -Not -Match 'eyJ|Bearer'
    }
}
