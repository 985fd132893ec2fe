BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:CommandType = 'RedisPrivateLink.Commands.ConvertVNetCacheToPrivateEndpointCommand'
    $script:Signature = 'PesterSasSignature0123456789abcdef'
    $script:Container = ConvertTo-SecureString "https://pestersa.blob.core.windows.net/migration?sv=2024-11-04&sr=c&sp=rwl&sig=$Signature" -AsPlainText -Force

    # A VNet-injected Premium cache, made the way the portal made them, holding some data.
    function script:New-InjectedCache([string] $Name, [int] $Octet, [hashtable] $Identity) {
        $group = "rg-$Name"
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Network/virtualNetworks/vnet-$Octet" -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @("10.$Octet.0.0/16") }; subnets = @(@{ name = 'cache'; properties = @{ addressPrefix = "10.$Octet.1.0/24" } }) }
        }
        Wait-EmulatorProvisioned $Emulator "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Network/virtualNetworks/vnet-$Octet" -ApiVersion $ArmApiVersion.Network
        $cachePath = "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/$Name"
        $body = @{
            location = 'eastus'; tags = @{ owner = 'pester' }
            properties = @{ sku = @{ name = 'Premium'; family = 'P'; capacity = 1 }; subnetId = "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Network/virtualNetworks/vnet-$Octet/subnets/cache"
                redisConfiguration = @{ 'maxmemory-policy' = 'allkeys-lru' } }
        }
        if ($Identity) { $body.identity = $Identity }
        $null = Invoke-EmulatorArm $Emulator $cachePath -ApiVersion $ArmApiVersion.Redis -Method PUT -Body $body
        Wait-EmulatorProvisioned $Emulator $cachePath -ApiVersion $ArmApiVersion.Redis
        $null = Invoke-EmulatorControl $Emulator "/_emulator/caches/$Sub/$group/$Name/data" -Method PUT -Body @{ fingerprint = "data-of-$Name" }
        $group
    }

    function script:Get-Fingerprint([string] $Group, [string] $Name) {
        (Invoke-EmulatorControl $Emulator "/_emulator/caches/$Sub/$Group/$Name/data").fingerprint
    }

    # A cache's tags as ARM holds them, 'name=value' sorted, for comparing whole tag sets.
    function script:Get-TagList([string] $Path, [string] $ApiVersion = $ArmApiVersion.Redis) {
        $tags = (Invoke-EmulatorArm $Emulator $Path -ApiVersion $ApiVersion).Body.tags
        @($tags.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } | Sort-Object)
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Convert-VNetCacheToPrivateEndpoint' {
    It 'moves a VNet-injected cache side by side with its data, deleting the source only after the target is verified' {
        $group = New-InjectedCache -Name pester-legacy -Octet 101

        $target = Convert-VNetCacheToPrivateEndpoint -Name pester-legacy -ResourceGroupName $group -NewName pester-modern `
            -SubnetName endpoints -SubnetPrefix 10.101.2.0/24 -DataMigration ExportImport -StorageContainerUri $Container -Force -Confirm:$false -WarningAction SilentlyContinue

        $target.Name | Should -Be 'pester-modern'
        $target.IsVNetInjected | Should -BeFalse
        $target.PublicNetworkAccess | Should -Be 'Disabled'
        $target.Sku | Should -Be 'Premium'
        $target.Size | Should -Be 'P1'
        $target.PrivateEndpoints.Count | Should -Be 1
        $target.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        $target.PrivateEndpoints[0].PrivateIpAddress | Should -Match '^10\.101\.2\.\d+$'
        Get-Fingerprint $group 'pester-modern' | Should -Be 'data-of-pester-legacy'
        (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-legacy" -ApiVersion $ArmApiVersion.Redis).Status | Should -Be 404

        # Complete: the user's tags as the source had them, and only rpl-migration-source, saying where it came from.
        Get-TagList "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-modern" | Should -Be @(
            'owner=pester', "rpl-migration-source=/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-legacy")
    }

    It 'refuses <Case> without -DataMigration with DataMigrationRequired, naming both choices, before any write' -ForEach @(
        @{ Case = '-NewName -Force'; Extra = @{ NewName = 'pester-choice-pl'; Force = $true } }
        @{ Case = '-ReuseName -Force'; Extra = @{ ReuseName = $true; Force = $true } }
        @{ Case = '-NewName -WhatIf'; Extra = @{ NewName = 'pester-choice-pl'; WhatIf = $true } }
        @{ Case = '-TargetSku Suggested -Force'; Extra = @{ NewName = 'pester-choice-pl'; TargetSku = 'Suggested'; Force = $true } }
    ) {
        $group = 'rg-pester-choice'
        if ((Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-choice" -ApiVersion $ArmApiVersion.Redis).Status -ne 200) {
            $null = New-InjectedCache -Name pester-choice -Octet 109
        }
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $failure = { Convert-VNetCacheToPrivateEndpoint -Name pester-choice -ResourceGroupName $group -SubnetName endpoints -SubnetPrefix 10.109.2.0/24 -Confirm:$false @Extra } |
            Should -Throw -ErrorId "DataMigrationRequired,$CommandType" -PassThru
        $failure.Exception.Message | Should -Match '-DataMigration ExportImport with -StorageContainerUri'
        $failure.Exception.Message | Should -Match '-DataMigration None'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        Get-Fingerprint $group 'pester-choice' | Should -Be 'data-of-pester-choice'
    }

    It 'with -DataMigration None given, migrates to an empty cache as asked, says so, and leaves the tags as it found them' {
        $group = New-InjectedCache -Name pester-none -Octet 110
        $sourcePath = "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-none"
        $targetPath = "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-none-pl"

        $target = Convert-VNetCacheToPrivateEndpoint -Name pester-none -ResourceGroupName $group -NewName pester-none-pl -SubnetName endpoints -SubnetPrefix 10.110.2.0/24 `
            -DataMigration None -Force -WarningVariable warnings -WarningAction SilentlyContinue

        $target.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        ($warnings -join "`n") | Should -Match "-DataMigration None: cache 'pester-none-pl' starts empty; the data in 'pester-none' is not copied"
        Get-Fingerprint $group 'pester-none-pl' | Should -BeNullOrEmpty
        (Invoke-EmulatorArm $Emulator $sourcePath -ApiVersion $ArmApiVersion.Redis).Status | Should -Be 404
        Get-TagList $targetPath | Should -Be @('owner=pester', "rpl-migration-source=$sourcePath")

        # Run again: the migration is complete, so nothing is written and the tags stay as they are.
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        $again = Convert-VNetCacheToPrivateEndpoint -Name pester-none -ResourceGroupName $group -NewName pester-none-pl -SubnetName endpoints -SubnetPrefix 10.110.2.0/24 `
            -DataMigration None -Force -WarningVariable rerunWarnings -WarningAction SilentlyContinue
        $again.Name | Should -Be 'pester-none-pl'
        ($rerunWarnings -join "`n") | Should -Match 'is complete'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        Get-TagList $targetPath | Should -Be @('owner=pester', "rpl-migration-source=$sourcePath")
    }

    It 'keeps the source with -KeepSource' {
        $group = New-InjectedCache -Name pester-keep -Octet 102

        # Nothing is deleted, so no -DataMigration choice is needed: the source keeps its data.
        $target = Convert-VNetCacheToPrivateEndpoint -Name pester-keep -ResourceGroupName $group -NewName pester-keep-pl `
            -SubnetName endpoints -SubnetPrefix 10.102.2.0/24 -KeepSource -Confirm:$false -WarningAction SilentlyContinue

        $target.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-keep" -ApiVersion $ArmApiVersion.Redis).Status | Should -Be 200
        Get-Fingerprint $group 'pester-keep' | Should -Be 'data-of-pester-keep'
        Get-TagList "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-keep-pl" | Should -Be @(
            'owner=pester', "rpl-migration-source=/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-keep")
    }

    It 'asks before deleting the source, and says so when the session cannot ask, before any write' {
        $group = New-InjectedCache -Name pester-ask -Octet 106
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        # The suite runs non-interactively, as a runbook does: without -Force there is nobody to ask.
        $failure = { Convert-VNetCacheToPrivateEndpoint -Name pester-ask -ResourceGroupName $group -NewName pester-ask-pl -SubnetName endpoints -SubnetPrefix 10.106.2.0/24 -DataMigration None -Confirm:$false -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId "ConfirmationRequired,$CommandType" -PassThru
        $failure.Exception.Message | Should -Match '-Force'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'writes nothing with -WhatIf' {
        $group = New-InjectedCache -Name pester-whatif-src -Octet 103
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        Convert-VNetCacheToPrivateEndpoint -Name pester-whatif-src -ResourceGroupName $group -NewName pester-whatif-dst `
            -SubnetName endpoints -SubnetPrefix 10.103.2.0/24 -DataMigration None -WhatIf -WarningAction SilentlyContinue

        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'refuses a cache that is not VNet-injected with CacheIsNotVNetInjected, before any write' {
        $null = New-RedisPrivateCache -Name pester-already-private -ResourceGroupName rg-conv-private -Location eastus -VirtualNetworkName vnet-104 `
            -AddressPrefix 10.104.0.0/16 -SubnetName endpoints -SubnetPrefix 10.104.1.0/24 -Confirm:$false
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        { Convert-VNetCacheToPrivateEndpoint -Name pester-already-private -ResourceGroupName rg-conv-private -NewName pester-x -SubnetName s -SubnetPrefix 10.104.2.0/24 -DataMigration None -Force -Confirm:$false } |
            Should -Throw -ErrorId "CacheIsNotVNetInjected,$CommandType"
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'asks for a storage container with ExportImport, and never shows its signature' {
        $group = New-InjectedCache -Name pester-nouri -Octet 105

        { Convert-VNetCacheToPrivateEndpoint -Name pester-nouri -ResourceGroupName $group -NewName pester-nouri-pl -SubnetName endpoints -SubnetPrefix 10.105.2.0/24 -DataMigration ExportImport -Force -Confirm:$false } |
            Should -Throw -ErrorId "StorageContainerUriRequired,$CommandType"

        $all = Convert-VNetCacheToPrivateEndpoint -Name pester-nouri -ResourceGroupName $group -NewName pester-nouri-pl -SubnetName endpoints -SubnetPrefix 10.105.2.0/24 `
            -DataMigration ExportImport -StorageContainerUri $Container -WhatIf -Verbose *>&1 | Out-String
        $all | Should -Not -Match $Signature
        # Its SAS has no se (as with a stored access policy): accepted, with a note saying until when it must last.
        $all | Should -Match 'has no end time \(se\)'
    }

    It 'refuses a SAS that ends before the migration can import, naming the time it must last until, before any write' {
        $group = New-InjectedCache -Name pester-shortsas -Octet 111
        $end = [DateTimeOffset]::UtcNow.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture)
        $shortSas = ConvertTo-SecureString "https://pestersa.blob.core.windows.net/migration?sv=2024-11-04&sr=c&sp=rwl&se=$([uri]::EscapeDataString($end))&sig=$Signature" -AsPlainText -Force
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $failure = { Convert-VNetCacheToPrivateEndpoint -Name pester-shortsas -ResourceGroupName $group -ReuseName -SubnetName endpoints -SubnetPrefix 10.111.2.0/24 `
                -DataMigration ExportImport -StorageContainerUri $shortSas -Force -Confirm:$false } |
            Should -Throw -ErrorId "StorageSasExpiresTooSoon,$CommandType" -PassThru

        $failure.Exception.Message | Should -Match 'must last until at least \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC'
        $failure.Exception.Message | Should -Not -Match $Signature
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        Get-Fingerprint $group 'pester-shortsas' | Should -Be 'data-of-pester-shortsas'
    }

    It 'with -StorageAuthentication ManagedIdentity, moves the data through a container URL without SAS and names the role to grant' {
        $group = New-InjectedCache -Name pester-mi -Octet 112 -Identity @{ type = 'SystemAssigned' }
        $url = ConvertTo-SecureString 'https://pesterfirewalled.blob.core.windows.net/migration' -AsPlainText -Force

        $all = Convert-VNetCacheToPrivateEndpoint -Name pester-mi -ResourceGroupName $group -NewName pester-mi-pl -SubnetName endpoints -SubnetPrefix 10.112.2.0/24 `
            -DataMigration ExportImport -StorageAuthentication ManagedIdentity -StorageContainerUri $url -Force -Confirm:$false 3>&1
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $target = $all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] }

        $target.Name | Should -Be 'pester-mi-pl'
        Get-Fingerprint $group 'pester-mi-pl' | Should -Be 'data-of-pester-mi'
        (Invoke-EmulatorControl $Emulator "/_emulator/caches/$Sub/$group/pester-mi-pl/data").dataArchiveAuthMethod | Should -Be 'ManagedIdentity'
        ($warnings.Message -join "`n") | Should -Match "'Storage Blob Data Contributor' role"
    }

    It 'refuses -StorageAuthentication ManagedIdentity for a source without a managed identity with StorageIdentityMissing, before any write' {
        $group = New-InjectedCache -Name pester-noidentity -Octet 113
        $url = ConvertTo-SecureString 'https://pesterfirewalled.blob.core.windows.net/migration' -AsPlainText -Force
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        { Convert-VNetCacheToPrivateEndpoint -Name pester-noidentity -ResourceGroupName $group -NewName pester-noidentity-pl -SubnetName endpoints -SubnetPrefix 10.113.2.0/24 `
                -DataMigration ExportImport -StorageAuthentication ManagedIdentity -StorageContainerUri $url -Force -Confirm:$false } |
            Should -Throw -ErrorId "StorageIdentityMissing,$CommandType"
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    Context 'with -TargetSku (to Azure Managed Redis)' {
        It 'moves the cache and its data to the suggested Managed Redis SKU and warns of every client change' {
            $group = New-InjectedCache -Name pester-amr-src -Octet 107

            # -Debug would ask (Inquire) in this non-interactive session; the preference shows the same debug stream.
            $DebugPreference = 'Continue'
            $all = Convert-VNetCacheToPrivateEndpoint -Name pester-amr-src -ResourceGroupName $group -NewName pester-amr-dst -TargetSku Suggested `
                -SubnetName endpoints -SubnetPrefix 10.107.2.0/24 -DataMigration ExportImport -StorageContainerUri $Container -Force -Confirm:$false `
                -WarningVariable warnings -Verbose *>&1
            $target = @($all | Where-Object { $_.PSObject.Properties['Kind'] })[0]

            $target.Kind | Should -Be 'ManagedRedis'
            $target.Port | Should -Be 10000
            $target.HostName | Should -Be 'pester-amr-dst.eastus.redis.azure.net'
            $target.PublicNetworkAccess | Should -Be 'Disabled'
            $target.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
            Get-Fingerprint $group 'pester-amr-dst' | Should -Be 'data-of-pester-amr-src'
            $cluster = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redisEnterprise/pester-amr-dst" -ApiVersion $ArmApiVersion.RedisEnterprise
            $cluster.Body.sku.name | Should -Be 'Balanced_B5'
            (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-amr-src" -ApiVersion $ArmApiVersion.Redis).Status | Should -Be 404
            $text = $warnings -join "`n"
            $text | Should -Match "P1 -> Balanced_B5"
            $text | Should -Match "'pester-amr-src\.redis\.cache\.windows\.net' -> 'pester-amr-dst\.eastus\.redis\.azure\.net', port 6380 -> 10000"
            $text | Should -Match 'db 0 only'
            ($all | Out-String) | Should -Match 'databases/default/import'
            ($all | Out-String) | Should -Not -Match $Signature
            Get-TagList "/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redisEnterprise/pester-amr-dst" -ApiVersion $ArmApiVersion.RedisEnterprise | Should -Be @(
                'owner=pester', "rpl-migration-source=/subscriptions/$Sub/resourceGroups/$group/providers/Microsoft.Cache/redis/pester-amr-src")
        }

        It 'names the Managed Redis cluster, the mapping and the zone under -WhatIf, and writes nothing' {
            $group = New-InjectedCache -Name pester-amr-whatif -Octet 108
            $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

            $lines = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $Emulator.ConnectionFile, $group -Script {
                param($module, $connectionFile, $group)
                $ErrorActionPreference = 'Stop'
                Import-Module $module
                $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
                Convert-VNetCacheToPrivateEndpoint -Name pester-amr-whatif -ResourceGroupName $group -NewName pester-amr-whatif -TargetSku Balanced_B10 `
                    -SubnetName endpoints -SubnetPrefix 10.108.2.0/24 -DataMigration None -WhatIf -WarningAction SilentlyContinue
            }

            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
            $whatIf = @($lines | Where-Object { $_ -like 'What if:*' }) -join "`n"
            $whatIf | Should -Match "Create Managed Redis cache 'pester-amr-whatif' \(Azure Managed Redis Balanced_B10, high availability Enabled, public network access Disabled, TLS 1\.2, EnterpriseCluster, eviction AllKeysLRU, access keys Disabled"
            $whatIf | Should -Match "private DNS zone 'privatelink\.redis\.azure\.net'"
            $whatIf | Should -Match "Delete VNet-injected cache 'pester-amr-whatif'.*its data is lost"
            $whatIf | Should -Match "Remove the migration's bookkeeping tags"
        }

        It 'refuses <Case> with <ErrorId> before any write' -ForEach @(
            @{ Case = 'a classic SKU'; ErrorId = 'TargetSkuIsClassic'; Extra = @{ NewName = 'pester-amr-x'; TargetSku = 'P2' } }
            @{ Case = '-ReuseName'; ErrorId = 'ReuseNameWithTargetSku'; Extra = @{ ReuseName = $true; TargetSku = 'Suggested' } }
            @{ Case = '-EnableAccessKeysAuthentication alone'; ErrorId = 'AccessKeysWithoutTargetSku'; Extra = @{ NewName = 'pester-amr-x'; EnableAccessKeysAuthentication = $true } }
        ) {
            $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

            { Convert-VNetCacheToPrivateEndpoint -Name pester-amr-whatif -ResourceGroupName rg-pester-amr-whatif -SubnetName endpoints -SubnetPrefix 10.108.2.0/24 -DataMigration None -Force -Confirm:$false @Extra } |
                Should -Throw -ErrorId "$ErrorId,$CommandType"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }

        It 'completes -TargetSku with Suggested and the Managed Redis SKUs, not the classic ones' {
            $script = 'Convert-VNetCacheToPrivateEndpoint -TargetSku '
            $all = (TabExpansion2 -inputScript $script -cursorColumn $script.Length).CompletionMatches.CompletionText
            $all[0] | Should -Be 'Suggested'
            $all | Should -Contain 'Balanced_B5'
            $all | Should -Contain 'FlashOptimized_A250'
            $all | Should -Not -Contain 'Premium'
            $script = 'Convert-VNetCacheToPrivateEndpoint -TargetSku memoryopt'
            (TabExpansion2 -inputScript $script -cursorColumn $script.Length).CompletionMatches.CompletionText | Should -Be @(
                'MemoryOptimized_M10', 'MemoryOptimized_M20', 'MemoryOptimized_M50', 'MemoryOptimized_M100', 'MemoryOptimized_M150', 'MemoryOptimized_M250',
                'MemoryOptimized_M350', 'MemoryOptimized_M500', 'MemoryOptimized_M700', 'MemoryOptimized_M1000', 'MemoryOptimized_M1500', 'MemoryOptimized_M2000')
        }

        It 'documents -TargetSku, the mapping table and -EnableAccessKeysAuthentication in its help' {
            $help = Get-Help Convert-VNetCacheToPrivateEndpoint -Full
            ($help.parameters.parameter | Where-Object name -EQ TargetSku).description.Text | Should -Match 'Suggested'
            ($help.parameters.parameter | Where-Object name -EQ EnableAccessKeysAuthentication).description.Text | Should -Match 'Entra'
            ($help.description.Text -join ' ') | Should -Match 'P1 -> Balanced_B5.*P5 -> Balanced_B100'
            ($help.examples.example.code -join ' ') | Should -Match '-TargetSku Suggested'
        }
    }
}
