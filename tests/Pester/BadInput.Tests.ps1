<#
    The bad-input table: every row is one invalid input to one cmdlet. Each must stop with its own specific,
    fully qualified error id, and no ARM write may reach the emulator (checked in /_emulator/requests).

    Rows are data only, written at discovery time, so values that exist only at run time (the emulator's subscription,
    ids of arranged resources) are tokens such as '{Sub}' or '{CacheId}', expanded by Expand-Token before the call.
    Base names a set of valid arguments the row's Arguments override (a value of '{Drop}' removes the key), so each row
    changes exactly one thing. Pipe names an arranged object (or a literal) piped into the cmdlet.
#>
BeforeDiscovery {
    $long = @{
        Cache64     = 'c' * 64
        Group91     = 'g' * 91
        TagName513  = 't' * 513
        TagValue257 = 'v' * 257
        Endpoint65  = 'p' * 65
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:OtherSub = '99999999-9999-9999-9999-999999999999'
    $script:Zone = 'privatelink.redis.cache.windows.net'
    $net = 'providers/Microsoft.Network'

    # A private cache with one approved endpoint (public access Disabled): the target of Add, Set, Remove, Approve, Deny.
    $script:Cache = New-RedisPrivateCache -Name pester-bi -ResourceGroupName rg-bi -Location eastus -VirtualNetworkName vnet-31 `
        -AddressPrefix 10.31.0.0/16 -SubnetName endpoints -SubnetPrefix 10.31.1.0/24 -Confirm:$false
    $script:Endpoint = $Cache.PrivateEndpoints[0]
    # Another, touched by no other row, for the last-endpoint guard: a row whose bug lets a write through (say an
    # endpoint added to pester-bi) cannot change what that guard sees.
    $script:LastEndpoint = (New-RedisPrivateCache -Name pester-bi-last -ResourceGroupName rg-bi -Location eastus -VirtualNetworkName vnet-36 `
            -AddressPrefix 10.36.0.0/16 -SubnetName endpoints -SubnetPrefix 10.36.1.0/24 -PrivateEndpointName pester-bi-last-pe -Confirm:$false).PrivateEndpoints[0]

    # A public Basic cache with no endpoint at all, made without the module.
    $bare = "/subscriptions/$Sub/resourceGroups/rg-bi/providers/Microsoft.Cache/redis/pester-bi-bare"
    $null = Invoke-EmulatorArm $Emulator $bare -ApiVersion $ArmApiVersion.Redis -Method PUT `
        -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } }

    # An existing network with a subnet in use, for the overlap and address-space rows.
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-bi/$net/virtualNetworks/vnet-existing" -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
        location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.32.0.0/16') }; subnets = @(@{ name = 'used'; properties = @{ addressPrefix = '10.32.1.0/24' } }) }
    }

    # A VNet-injected Premium cache, which cannot have private endpoints.
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-bi/$net/virtualNetworks/vnet-injected" -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
        location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.35.0.0/16') }; subnets = @(@{ name = 'cache'; properties = @{ addressPrefix = '10.35.1.0/24' } }) }
    }
    Wait-EmulatorProvisioned $Emulator "/subscriptions/$Sub/resourceGroups/rg-bi/$net/virtualNetworks/vnet-injected" -ApiVersion $ArmApiVersion.Network
    $injected = "/subscriptions/$Sub/resourceGroups/rg-bi/providers/Microsoft.Cache/redis/pester-bi-injected"
    $null = Invoke-EmulatorArm $Emulator $injected -ApiVersion $ArmApiVersion.Redis -Method PUT -Body @{
        location = 'eastus'; properties = @{ sku = @{ name = 'Premium'; family = 'P'; capacity = 1 }; subnetId = "/subscriptions/$Sub/resourceGroups/rg-bi/$net/virtualNetworks/vnet-injected/subnets/cache" }
    }

    # A storage account whose firewall denies by default: persistence to it is unsupported with private endpoints.
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-bi/providers/Microsoft.Storage/storageAccounts/pesterdeny" -ApiVersion $ArmApiVersion.Storage -Method PUT -Body @{
        location = 'eastus'; kind = 'StorageV2'; sku = @{ name = 'Standard_LRS' }; properties = @{ networkAcls = @{ defaultAction = 'Deny'; bypass = 'AzureServices' } }
    }

    # A cache in another resource group whose name New-RedisPrivateCache can't have.
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-bi-elsewhere" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-bi-elsewhere/providers/Microsoft.Cache/redis/pester-bi-taken" -ApiVersion $ArmApiVersion.Redis -Method PUT `
        -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 } } }

    Wait-EmulatorProvisioned $Emulator $bare -ApiVersion $ArmApiVersion.Redis
    Wait-EmulatorProvisioned $Emulator $injected -ApiVersion $ArmApiVersion.Redis

    $script:Tokens = [ordered]@{
        '{Sub}'             = $Sub
        '{OtherSub}'        = $OtherSub
        '{CacheId}'         = $Cache.Id
        '{EndpointId}'      = $Endpoint.Id
        '{LastEndpointId}'  = $LastEndpoint.Id
        '{ConnectionName}'  = $Endpoint.ConnectionName
        '{SubnetId}'        = $Endpoint.SubnetId
        '{VnetId}'          = "/subscriptions/$Sub/resourceGroups/rg-bi/$net/virtualNetworks/vnet-31"
        '{MissingSubnetId}' = "/subscriptions/$Sub/resourceGroups/rg-bi/$net/virtualNetworks/vnet-31/subnets/nope"
        '{MissingCacheId}'  = "/subscriptions/$Sub/resourceGroups/rg-bi/providers/Microsoft.Cache/redis/pester-bi-missing"
        '{InjectedId}'      = $injected
        '{Zone}'            = $Zone
    }
    $script:PipeObjects = @{
        Cache                  = $Cache
        Endpoint               = $Endpoint
        # As Get-AzRedisCache writes it: Id, Name, ResourceGroupName (type casing as ARM answers).
        OtherSubscriptionCache = [pscustomobject]@{ Id = "/subscriptions/$OtherSub/resourceGroups/rg-bi/providers/Microsoft.Cache/Redis/pester-bi"; Name = 'pester-bi'; ResourceGroupName = 'rg-bi' }
    }
    $script:Bases = @{
        New       = @{
            Name = 'pester-bi-new'; ResourceGroupName = 'rg-bi-new'; Location = 'eastus'; VirtualNetworkName = 'vnet-33'
            AddressPrefix = '10.33.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.33.1.0/24'; Confirm = $false
        }
        NewSubnet = @{ Name = 'pester-bi-new'; ResourceGroupName = 'rg-bi-new'; Location = 'eastus'; SubnetId = '{SubnetId}'; Confirm = $false }
        Add       = @{
            ResourceId = '{CacheId}'; VirtualNetworkName = 'vnet-34'; AddressPrefix = '10.34.0.0/16'; SubnetName = 'endpoints'
            SubnetPrefix = '10.34.1.0/24'; Confirm = $false
        }
        None      = @{}
    }

    function script:Expand-Token($Value) {
        if ($Value -is [string]) {
            foreach ($token in $Tokens.Keys) { $Value = $Value.Replace($token, $Tokens[$token]) }
            return $Value
        }
        if ($Value -is [array]) { return , @($Value | ForEach-Object { Expand-Token $_ }) }
        if ($Value -is [hashtable]) {
            $copy = @{}
            foreach ($key in $Value.Keys) { $copy[$key] = Expand-Token $Value[$key] }
            return $copy
        }
        $Value
    }

    function script:Get-RowArgument([string] $Base, [hashtable] $Arguments) {
        $parameters = @{}
        foreach ($key in $Bases[$Base].Keys) { $parameters[$key] = $Bases[$Base][$key] }
        foreach ($key in $Arguments.Keys) {
            if ($Arguments[$key] -is [string] -and $Arguments[$key] -eq '{Drop}') { $parameters.Remove($key) } else { $parameters[$key] = $Arguments[$key] }
        }
        Expand-Token $parameters
    }

    # Runs one row and returns the error record it stopped with (null when it did not stop).
    function script:Invoke-Row([string] $Command, [hashtable] $Parameters, $Pipe) {
        try {
            if ($null -ne $Pipe) {
                $pipeInput = if ($Pipe -is [string] -and $PipeObjects.ContainsKey($Pipe)) { $PipeObjects[$Pipe] } else { Expand-Token $Pipe }
                $null = , $pipeInput | & $Command @Parameters -ErrorAction Stop
            }
            else {
                $null = & $Command @Parameters -ErrorAction Stop
            }
        }
        catch {
            return $_
        }
        finally {
            # A failed Connect may leave the session without a default; later rows need one.
            if (-not (Get-RedisPrivateLinkContext)) { $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile }
        }
        $null
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Bad input: a specific error id and no ARM write' {
    BeforeEach {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
    }

    Context 'New-RedisPrivateCache' {
        It '<Case> -> <ErrorId>' -ForEach @(
            # cache names
            @{ Case = 'cache name of 64 characters'; Base = 'New'; Arguments = @{ Name = $long.Cache64 }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'cache name with consecutive hyphens'; Base = 'New'; Arguments = @{ Name = 'bad--name' }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'cache name with a leading hyphen'; Base = 'New'; Arguments = @{ Name = '-leading' }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'cache name with a trailing hyphen'; Base = 'New'; Arguments = @{ Name = 'trailing-' }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'cache name with an underscore'; Base = 'New'; Arguments = @{ Name = 'under_score' }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'cache name with a non-ASCII letter'; Base = 'New'; Arguments = @{ Name = "cach$([char]0xE9)" }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'cache name with a slash'; Base = 'New'; Arguments = @{ Name = 'a/b' }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'empty cache name'; Base = 'New'; Arguments = @{ Name = '' }; ErrorId = 'ParameterArgumentValidationError' }
            # other names
            @{ Case = 'resource group with bad characters'; Base = 'New'; Arguments = @{ ResourceGroupName = 'rg bad!' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Case = 'resource group with a trailing period'; Base = 'New'; Arguments = @{ ResourceGroupName = 'rg.' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Case = 'resource group of 91 characters'; Base = 'New'; Arguments = @{ ResourceGroupName = $long.Group91 }; ErrorId = 'InvalidResourceGroupName' }
            @{ Case = 'resource group with path traversal'; Base = 'New'; Arguments = @{ ResourceGroupName = 'rg/../other' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Case = 'virtual network name of one character'; Base = 'New'; Arguments = @{ VirtualNetworkName = 'v' }; ErrorId = 'InvalidVirtualNetworkName' }
            @{ Case = 'virtual network name with a bang'; Base = 'New'; Arguments = @{ VirtualNetworkName = 'vnet!' }; ErrorId = 'InvalidVirtualNetworkName' }
            @{ Case = 'virtual network name with a trailing period'; Base = 'New'; Arguments = @{ VirtualNetworkName = 'vnet.' }; ErrorId = 'InvalidVirtualNetworkName' }
            @{ Case = 'subnet name with a leading hyphen'; Base = 'New'; Arguments = @{ SubnetName = '-sub' }; ErrorId = 'InvalidSubnetName' }
            @{ Case = 'subnet name with a blank'; Base = 'New'; Arguments = @{ SubnetName = 'sub net' }; ErrorId = 'InvalidSubnetName' }
            @{ Case = 'endpoint name with a slash'; Base = 'New'; Arguments = @{ PrivateEndpointName = 'pe/x' }; ErrorId = 'InvalidPrivateEndpointName' }
            @{ Case = 'endpoint name with a trailing hyphen'; Base = 'New'; Arguments = @{ PrivateEndpointName = 'pe-' }; ErrorId = 'InvalidPrivateEndpointName' }
            @{ Case = 'DNS zone resource group with a trailing period'; Base = 'New'; Arguments = @{ PrivateDnsZoneResourceGroupName = 'dns.' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Case = 'location that is no region name'; Base = 'New'; Arguments = @{ Location = 'east-us!' }; ErrorId = 'InvalidLocation' }
            @{ Case = 'endpoint name of 65 characters'; Base = 'New'; Arguments = @{ PrivateEndpointName = $long.Endpoint65 }; ErrorId = 'InvalidPrivateEndpointName' }
            # CIDRs
            @{ Case = 'address prefix /33'; Base = 'New'; Arguments = @{ AddressPrefix = '10.33.0.0/33' }; ErrorId = 'InvalidAddressPrefix' }
            @{ Case = 'address prefix 300.1.1.1/16'; Base = 'New'; Arguments = @{ AddressPrefix = '300.1.1.1/16' }; ErrorId = 'InvalidAddressPrefix' }
            @{ Case = 'address prefix with host bits set'; Base = 'New'; Arguments = @{ AddressPrefix = '10.33.0.1/16' }; ErrorId = 'InvalidAddressPrefix' }
            @{ Case = 'address prefix without a prefix length'; Base = 'New'; Arguments = @{ AddressPrefix = '10.33.0.0' }; ErrorId = 'InvalidAddressPrefix' }
            @{ Case = 'address prefix in short IPv4 form'; Base = 'New'; Arguments = @{ AddressPrefix = '10.33/16' }; ErrorId = 'InvalidAddressPrefix' }
            @{ Case = 'subnet prefix without a prefix length'; Base = 'New'; Arguments = @{ SubnetPrefix = '10.33.1.0' }; ErrorId = 'InvalidAddressPrefix' }
            @{ Case = 'subnet prefix outside the new address space'; Base = 'New'; Arguments = @{ SubnetPrefix = '10.99.1.0/24' }; ErrorId = 'SubnetOutsideAddressSpace' }
            @{ Case = 'subnet prefix smaller than /29'; Base = 'New'; Arguments = @{ SubnetPrefix = '10.33.1.0/30' }; ErrorId = 'SubnetTooSmall' }
            @{ Case = 'subnet overlapping an existing subnet'; Base = 'New'; Arguments = @{ ResourceGroupName = 'rg-bi'; VirtualNetworkName = 'vnet-existing'; SubnetName = 'new'; AddressPrefix = '{Drop}'; SubnetPrefix = '10.32.1.128/25' }; ErrorId = 'SubnetOverlapsExistingSubnet' }
            @{ Case = 'subnet outside an existing address space'; Base = 'New'; Arguments = @{ ResourceGroupName = 'rg-bi'; VirtualNetworkName = 'vnet-existing'; SubnetName = 'new'; AddressPrefix = '{Drop}'; SubnetPrefix = '10.99.1.0/24' }; ErrorId = 'SubnetOutsideAddressSpace' }
            @{ Case = 'new network without an address prefix'; Base = 'New'; Arguments = @{ AddressPrefix = '{Drop}' }; ErrorId = 'AddressPrefixRequired' }
            @{ Case = 'new subnet without a subnet prefix'; Base = 'New'; Arguments = @{ SubnetPrefix = '{Drop}' }; ErrorId = 'SubnetPrefixRequired' }
            # sizes, SKUs and features
            @{ Case = 'size P1 with Standard'; Base = 'New'; Arguments = @{ Sku = 'Standard'; Size = 'P1' }; ErrorId = 'InvalidCacheSize' }
            @{ Case = 'size C1 with Premium'; Base = 'New'; Arguments = @{ Sku = 'Premium'; Size = 'C1' }; ErrorId = 'InvalidCacheSize' }
            @{ Case = 'size 120GB with Basic'; Base = 'New'; Arguments = @{ Sku = 'Basic'; Size = '120GB' }; ErrorId = 'InvalidCacheSize' }
            @{ Case = 'unknown size C9'; Base = 'New'; Arguments = @{ Size = 'C9' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Case = 'unknown SKU'; Base = 'New'; Arguments = @{ Sku = 'Enterprise' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Case = 'shard count on Standard'; Base = 'New'; Arguments = @{ ShardCount = 2 }; ErrorId = 'PremiumFeatureRequiresPremiumSku' }
            @{ Case = 'shard count of 31'; Base = 'New'; Arguments = @{ Sku = 'Premium'; Size = 'P1'; ShardCount = 31 }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Case = 'RDB persistence on Standard'; Base = 'New'; Arguments = @{ RedisConfiguration = @{ 'rdb-backup-enabled' = 'true' } }; ErrorId = 'PremiumFeatureRequiresPremiumSku' }
            @{ Case = 'AOF persistence on Basic'; Base = 'New'; Arguments = @{ Sku = 'Basic'; Size = 'C0'; RedisConfiguration = @{ 'aof-backup-enabled' = 'true' } }; ErrorId = 'PremiumFeatureRequiresPremiumSku' }
            @{ Case = 'zones on Basic'; Base = 'New'; Arguments = @{ Sku = 'Basic'; Size = 'C0'; Zone = @('1') }; ErrorId = 'ZonesRequireStandardOrPremium' }
            @{ Case = 'TLS 1.0'; Base = 'New'; Arguments = @{ MinimumTlsVersion = '1.0' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Case = 'redis configuration with a null value'; Base = 'New'; Arguments = @{ RedisConfiguration = @{ 'maxmemory-policy' = $null } }; ErrorId = 'InvalidRedisConfiguration' }
            @{ Case = 'persistence connection string without an account'; Base = 'New'; Arguments = @{ Sku = 'Premium'; Size = 'P1'; RedisConfiguration = @{ 'rdb-backup-enabled' = 'true'; 'rdb-storage-connection-string' = 'DefaultEndpointsProtocol=https;AccountKey=bm90LWEta2V5' } }; ErrorId = 'InvalidPersistenceConnectionString' }
            @{ Case = 'persistence to a storage account that denies by default'; Base = 'New'; Arguments = @{ Sku = 'Premium'; Size = 'P1'; RedisConfiguration = @{ 'rdb-backup-enabled' = 'true'; 'rdb-storage-connection-string' = 'DefaultEndpointsProtocol=https;AccountName=pesterdeny;AccountKey=bm90LWEta2V5;EndpointSuffix=core.windows.net' } }; ErrorId = 'PersistenceStorageFirewallUnsupported' }
            @{ Case = 'public network access bogus'; Base = 'New'; Arguments = @{ PublicNetworkAccess = 'Sometimes' }; ErrorId = 'ParameterArgumentValidationError' }
            # tags
            @{ Case = 'tag with a null value'; Base = 'New'; Arguments = @{ Tag = @{ env = $null } }; ErrorId = 'InvalidTag' }
            @{ Case = 'tag name of 513 characters'; Base = 'New'; Arguments = @{ Tag = @{ $long.TagName513 = 'x' } }; ErrorId = 'InvalidTag' }
            @{ Case = 'tag name with a slash'; Base = 'New'; Arguments = @{ Tag = @{ 'a/b' = 'x' } }; ErrorId = 'InvalidTag' }
            @{ Case = 'tag value of 257 characters'; Base = 'New'; Arguments = @{ Tag = @{ env = $long.TagValue257 } }; ErrorId = 'InvalidTag' }
            # resource ids
            @{ Case = 'subnet id that is a virtual network'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '{VnetId}' }; ErrorId = 'WrongResourceType' }
            @{ Case = 'subnet id that is a cache'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '{CacheId}' }; ErrorId = 'WrongResourceType' }
            @{ Case = 'subnet id in a subscription the caller cannot see'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '/subscriptions/{OtherSub}/resourceGroups/rg-bi/providers/Microsoft.Network/virtualNetworks/vnet-31/subnets/endpoints' }; ErrorId = 'SubscriptionNotFound' }
            @{ Case = 'subnet id with /../'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Network/virtualNetworks/vnet-31/subnets/../../vnet-existing/subnets/used' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'subnet id with ?'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '{SubnetId}?api-version=2019-01-01' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'subnet id with #'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '{SubnetId}#fragment' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'subnet id with %2F'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Network/virtualNetworks/vnet-31%2Fsubnets%2Fendpoints/subnets/endpoints' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'subnet id with an inner blank'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Network/virtualNetworks/vnet 31/subnets/endpoints' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'subnet id with a trailing newline'; Base = 'NewSubnet'; Arguments = @{ SubnetId = "{SubnetId}`n" }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'subnet id without the leading slash'; Base = 'NewSubnet'; Arguments = @{ SubnetId = 'subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Network/virtualNetworks/vnet-31/subnets/endpoints' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'subnet id whose subscription is no GUID'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '/subscriptions/mine/resourceGroups/rg-bi/providers/Microsoft.Network/virtualNetworks/vnet-31/subnets/endpoints' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'subnet id of a missing subnet'; Base = 'NewSubnet'; Arguments = @{ SubnetId = '{MissingSubnetId}' }; ErrorId = 'SubnetNotFound' }
            @{ Case = 'DNS zone id of the wrong zone name'; Base = 'New'; Arguments = @{ PrivateDnsZoneId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Network/privateDnsZones/privatelink.database.windows.net' }; ErrorId = 'WrongPrivateDnsZoneName' }
            @{ Case = 'DNS zone id that is a virtual network'; Base = 'New'; Arguments = @{ PrivateDnsZoneId = '{VnetId}' }; ErrorId = 'WrongResourceType' }
            @{ Case = 'DNS zone id of a missing zone'; Base = 'New'; Arguments = @{ PrivateDnsZoneId = '/subscriptions/{Sub}/resourceGroups/rg-nodns/providers/Microsoft.Network/privateDnsZones/{Zone}' }; ErrorId = 'PrivateDnsZoneNotFound' }
            @{ Case = 'DNS zone id and DNS zone resource group together'; Base = 'New'; Arguments = @{ PrivateDnsZoneId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Network/privateDnsZones/{Zone}'; PrivateDnsZoneResourceGroupName = 'rg-bi' }; ErrorId = 'ConflictingPrivateDnsZoneParameters' }
            # state
            @{ Case = 'a name another cache holds'; Base = 'New'; Arguments = @{ Name = 'pester-bi-taken' }; ErrorId = 'CacheNameNotAvailable' }
            @{ Case = 'an endpoint name another cache''s endpoint holds'; Base = 'New'; Arguments = @{ ResourceGroupName = 'rg-bi'; PrivateEndpointName = 'pester-bi-pe' }; ErrorId = 'PrivateEndpointNameInUse' }
            @{ Case = 'a re-run over a VNet-injected cache'; Base = 'New'; Arguments = @{ Name = 'pester-bi-injected'; ResourceGroupName = 'rg-bi' }; ErrorId = 'CacheIsVNetInjected' }
            @{ Case = 'subnet id and network names together'; Base = 'NewSubnet'; Arguments = @{ VirtualNetworkName = 'vnet-33' }; ErrorId = 'AmbiguousParameterSet' }
        ) {
            $parameters = Get-RowArgument $Base $Arguments
            $failure = Invoke-Row 'New-RedisPrivateCache' $parameters $null

            $failure | Should -Not -BeNullOrEmpty -Because 'bad input must stop the cmdlet'
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
        # Rows that once failed (a misspelt region accepted, names pasted into ids unchecked), kept apart as regressions.
        It 'regression: <Case> -> <ErrorId>' -ForEach @(
            @{ Case = 'a location that is no Azure region'; Base = 'New'; Arguments = @{ Location = 'narnia' }; ErrorId = 'InvalidLocation' }
            @{ Case = 'an availability zone that does not exist'; Base = 'New'; Arguments = @{ Zone = @('9') }; ErrorId = 'ParameterArgumentValidationError' }
        ) {
            $parameters = Get-RowArgument $Base $Arguments
            $failure = Invoke-Row 'New-RedisPrivateCache' $parameters $null

            $failure | Should -Not -BeNullOrEmpty -Because 'bad input must stop the cmdlet'
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
    }

    Context 'Add-RedisPrivateEndpoint' {
        It '<Case> -> <ErrorId>' -ForEach @(
            @{ Case = 'cache id that is a virtual network'; Base = 'Add'; Arguments = @{ ResourceId = '{VnetId}' }; ErrorId = 'WrongResourceType' }
            @{ Case = 'cache id in a subscription the caller cannot see'; Base = 'Add'; Arguments = @{ ResourceId = '/subscriptions/{OtherSub}/resourceGroups/rg-bi/providers/Microsoft.Cache/redis/pester-bi' }; ErrorId = 'SubscriptionNotFound' }
            @{ Case = 'cache id with /../'; Base = 'Add'; Arguments = @{ ResourceId = '/subscriptions/{Sub}/resourceGroups/rg-other/../rg-bi/providers/Microsoft.Cache/redis/pester-bi' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'cache id with a query'; Base = 'Add'; Arguments = @{ ResourceId = '{CacheId}?api-version=2017-10-01' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'cache id with %2F'; Base = 'Add'; Arguments = @{ ResourceId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Cache/redis/pester-bi%2F..%2Fother' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'cache id with a leading blank'; Base = 'Add'; Arguments = @{ ResourceId = ' {CacheId}' }; ErrorId = 'InvalidResourceId' }
            @{ Case = 'a missing cache'; Base = 'Add'; Arguments = @{ ResourceId = '{MissingCacheId}' }; ErrorId = 'CacheNotFound' }
            @{ Case = 'a VNet-injected cache'; Base = 'Add'; Arguments = @{ ResourceId = '{InjectedId}' }; ErrorId = 'CacheIsVNetInjected' }
            @{ Case = 'subnet id and network names together'; Base = 'Add'; Arguments = @{ SubnetId = '{SubnetId}' }; ErrorId = 'ConflictingNetworkParameters' }
            @{ Case = 'no network at all'; Base = 'Add'; Arguments = @{ VirtualNetworkName = '{Drop}'; AddressPrefix = '{Drop}'; SubnetName = '{Drop}'; SubnetPrefix = '{Drop}' }; ErrorId = 'NetworkNotSpecified' }
            @{ Case = 'subnet id that is a cache'; Base = 'Add'; Arguments = @{ VirtualNetworkName = '{Drop}'; AddressPrefix = '{Drop}'; SubnetName = '{Drop}'; SubnetPrefix = '{Drop}'; SubnetId = '{CacheId}' }; ErrorId = 'WrongResourceType' }
            @{ Case = 'subnet id of a missing subnet'; Base = 'Add'; Arguments = @{ VirtualNetworkName = '{Drop}'; AddressPrefix = '{Drop}'; SubnetName = '{Drop}'; SubnetPrefix = '{Drop}'; SubnetId = '{MissingSubnetId}' }; ErrorId = 'SubnetNotFound' }
            @{ Case = 'subnet prefix /33'; Base = 'Add'; Arguments = @{ SubnetPrefix = '10.34.1.0/33' }; ErrorId = 'InvalidAddressPrefix' }
            @{ Case = 'subnet overlapping an existing subnet'; Base = 'Add'; Arguments = @{ VirtualNetworkName = 'vnet-existing'; AddressPrefix = '{Drop}'; SubnetName = 'new'; SubnetPrefix = '10.32.0.0/16' }; ErrorId = 'SubnetOverlapsExistingSubnet' }
            @{ Case = 'endpoint name with a bang'; Base = 'Add'; Arguments = @{ Name = 'pe!' }; ErrorId = 'InvalidPrivateEndpointName' }
            @{ Case = 'endpoint name of 65 characters'; Base = 'Add'; Arguments = @{ Name = $long.Endpoint65 }; ErrorId = 'InvalidPrivateEndpointName' }
            @{ Case = 'location that is no region name'; Base = 'Add'; Arguments = @{ Location = 'East US!' }; ErrorId = 'InvalidLocation' }
            @{ Case = 'endpoint resource group with a trailing period'; Base = 'Add'; Arguments = @{ EndpointResourceGroupName = 'rg.' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Case = 'network resource group with a blank'; Base = 'Add'; Arguments = @{ VirtualNetworkResourceGroupName = 'bad rg' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Case = 'DNS zone id of the wrong zone name'; Base = 'Add'; Arguments = @{ PrivateDnsZoneId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net' }; ErrorId = 'WrongPrivateDnsZoneName' }
            @{ Case = 'tag with a null value'; Base = 'Add'; Arguments = @{ Tag = @{ owner = $null } }; ErrorId = 'InvalidTag' }
            @{ Case = 'a string piped in'; Base = 'Add'; Arguments = @{ ResourceId = '{Drop}' }; Pipe = 'pester-bi'; ErrorId = 'InputObjectNotBound' }
            @{ Case = 'a hashtable without Id piped in'; Base = 'Add'; Arguments = @{ ResourceId = '{Drop}' }; Pipe = @{ Name = 'pester-bi'; ResourceGroupName = 'rg-bi' }; ErrorId = 'InputObjectNotBound' }
            @{ Case = 'an endpoint piped in'; Base = 'Add'; Arguments = @{ ResourceId = '{Drop}' }; Pipe = 'Endpoint'; ErrorId = 'WrongResourceType' }
        ) {
            $parameters = Get-RowArgument $Base $Arguments
            $failure = Invoke-Row 'Add-RedisPrivateEndpoint' $parameters $Pipe

            $failure | Should -Not -BeNullOrEmpty -Because 'bad input must stop the cmdlet'
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.AddRedisPrivateEndpointCommand"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
        # Rows that once failed (a misspelt region accepted, names pasted into ids unchecked), kept apart as regressions.
        It 'regression: <Case> -> <ErrorId>' -ForEach @(
            @{ Case = 'a location that is no Azure region'; Base = 'Add'; Arguments = @{ Location = 'narnia' }; ErrorId = 'InvalidLocation' }
            @{ Case = 'cache name with consecutive hyphens'; Base = 'Add'; Arguments = @{ ResourceId = '{Drop}'; CacheName = 'bad--name'; ResourceGroupName = 'rg-bi' }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'cache name with a slash'; Base = 'Add'; Arguments = @{ ResourceId = '{Drop}'; CacheName = 'pester-bi/x'; ResourceGroupName = 'rg-bi' }; ErrorId = 'InvalidCacheName' }
            @{ Case = 'resource group with a trailing period'; Base = 'Add'; Arguments = @{ ResourceId = '{Drop}'; CacheName = 'pester-bi'; ResourceGroupName = 'rg-bi.' }; ErrorId = 'InvalidResourceGroupName' }
        ) {
            $parameters = Get-RowArgument $Base $Arguments
            $failure = Invoke-Row 'Add-RedisPrivateEndpoint' $parameters $Pipe

            $failure | Should -Not -BeNullOrEmpty -Because 'bad input must stop the cmdlet'
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.AddRedisPrivateEndpointCommand"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
    }
    Context 'Get-RedisPrivateCache and Get-RedisPrivateEndpoint' {
        It '<Command>: <Case> -> <ErrorId>' -ForEach @(
            @{ Command = 'Get-RedisPrivateCache'; Case = 'cache id that is a virtual network'; Arguments = @{ ResourceId = '{VnetId}' }; ErrorId = 'WrongResourceType' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'cache id with /../'; Arguments = @{ ResourceId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Cache/redis/../redis/pester-bi' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'cache id with %2F'; Arguments = @{ ResourceId = '/subscriptions/{Sub}/resourceGroups/rg-bi%2Fx/providers/Microsoft.Cache/redis/pester-bi' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'cache id with #'; Arguments = @{ ResourceId = '{CacheId}#x' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'cache id of a child resource'; Arguments = @{ ResourceId = '{CacheId}/privateEndpointConnections/x' }; ErrorId = 'WrongResourceType' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'a missing cache by id'; Arguments = @{ ResourceId = '{MissingCacheId}' }; ErrorId = 'CacheNotFound' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'a missing cache by name'; Arguments = @{ ResourceGroupName = 'rg-bi'; Name = 'pester-bi-missing' }; ErrorId = 'CacheNotFound' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'empty resource group'; Arguments = @{ ResourceGroupName = '' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Command = 'Get-RedisPrivateEndpoint'; Case = 'cache id that is a virtual network'; Arguments = @{ CacheId = '{VnetId}' }; ErrorId = 'WrongResourceType' }
            @{ Command = 'Get-RedisPrivateEndpoint'; Case = 'cache id with a blank'; Arguments = @{ CacheId = '/subscriptions/{Sub}/resourceGroups/rg bi/providers/Microsoft.Cache/redis/pester-bi' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Get-RedisPrivateEndpoint'; Case = 'a missing cache'; Arguments = @{ CacheId = '{MissingCacheId}' }; ErrorId = 'CacheNotFound' }
        ) {
            $parameters = Get-RowArgument 'None' $Arguments
            $failure = Invoke-Row $Command $parameters $Pipe

            $failure | Should -Not -BeNullOrEmpty -Because 'bad input must stop the cmdlet'
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.$($Command.Replace('-', ''))Command"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
        # Rows that once failed (a misspelt region accepted, names pasted into ids unchecked), kept apart as regressions.
        It 'regression: <Command>: <Case> -> <ErrorId>' -ForEach @(
            @{ Command = 'Get-RedisPrivateCache'; Case = 'resource group with a slash'; Arguments = @{ ResourceGroupName = 'rg-bi/x'; Name = 'pester-bi' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'resource group with a query character'; Arguments = @{ ResourceGroupName = 'rg-bi#x'; Name = 'pester-bi' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'cache name with a slash'; Arguments = @{ ResourceGroupName = 'rg-bi'; Name = 'pester-bi/x' }; ErrorId = 'InvalidCacheName' }
            @{ Command = 'Get-RedisPrivateEndpoint'; Case = 'resource group with path traversal'; Arguments = @{ ResourceGroupName = 'rg-bi/../rg-other' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Command = 'Get-RedisPrivateCache'; Case = 'resource group with a blank'; Arguments = @{ ResourceGroupName = 'rg bi'; Name = 'pester-bi' }; ErrorId = 'InvalidResourceGroupName' }
            @{ Command = 'Get-RedisPrivateEndpoint'; Case = 'resource group with a trailing period'; Arguments = @{ ResourceGroupName = 'rg.' }; ErrorId = 'InvalidResourceGroupName' }
        ) {
            $parameters = Get-RowArgument 'None' $Arguments
            if ((Get-Command $Command).Parameters.ContainsKey('Confirm')) { $parameters['Confirm'] = $false }
            $failure = Invoke-Row $Command $parameters $Pipe

            $failure | Should -Not -BeNullOrEmpty -Because 'bad input must stop the cmdlet'
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.$($Command.Replace('-', ''))Command"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
    }

    Context 'Set-RedisPublicNetworkAccess, Remove-RedisPrivateEndpoint, Approve- and Deny-RedisPrivateEndpointConnection' {
        It '<Command>: <Case> -> <ErrorId>' -ForEach @(
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'public network access bogus'; Arguments = @{ ResourceId = '{CacheId}'; PublicNetworkAccess = 'Bogus' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'cache id that is an endpoint'; Arguments = @{ ResourceId = '{EndpointId}'; PublicNetworkAccess = 'Enabled' }; ErrorId = 'WrongResourceType' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'cache id in a subscription the caller cannot see'; Arguments = @{ ResourceId = '/subscriptions/{OtherSub}/resourceGroups/rg-bi/providers/Microsoft.Cache/redis/pester-bi'; PublicNetworkAccess = 'Enabled' }; ErrorId = 'SubscriptionNotFound' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'cache id with #'; Arguments = @{ ResourceId = '{CacheId}#fragment'; PublicNetworkAccess = 'Enabled' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'cache id with /./'; Arguments = @{ ResourceId = '/subscriptions/{Sub}/resourceGroups/rg-bi/./providers/Microsoft.Cache/redis/pester-bi'; PublicNetworkAccess = 'Enabled' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'a missing cache'; Arguments = @{ Name = 'pester-bi-missing'; ResourceGroupName = 'rg-bi'; PublicNetworkAccess = 'Enabled' }; ErrorId = 'CacheNotFound' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'Disabled on a cache without endpoints'; Arguments = @{ Name = 'pester-bi-bare'; ResourceGroupName = 'rg-bi'; PublicNetworkAccess = 'Disabled' }; ErrorId = 'CacheWouldBeUnreachable' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'an endpoint piped in'; Arguments = @{ PublicNetworkAccess = 'Enabled' }; Pipe = 'Endpoint'; ErrorId = 'WrongResourceType' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'an Az-like cache of a subscription the caller cannot see piped in'; Arguments = @{ PublicNetworkAccess = 'Enabled' }; Pipe = 'OtherSubscriptionCache'; ErrorId = 'SubscriptionNotFound' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'the last endpoint of a private cache'; Arguments = @{ ResourceId = '{LastEndpointId}' }; ErrorId = 'LastPrivateEndpoint' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'endpoint id that is a cache'; Arguments = @{ ResourceId = '{CacheId}' }; ErrorId = 'WrongResourceType' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'endpoint id in a subscription the caller cannot see'; Arguments = @{ ResourceId = '/subscriptions/{OtherSub}/resourceGroups/rg-bi/providers/Microsoft.Network/privateEndpoints/pester-bi-pe' }; ErrorId = 'SubscriptionNotFound' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'endpoint id with /../'; Arguments = @{ ResourceId = '/subscriptions/{Sub}/resourceGroups/rg-bi/providers/Microsoft.Network/privateEndpoints/x/../pester-bi-pe' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'endpoint id with a query'; Arguments = @{ ResourceId = '{EndpointId}?x=1' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'a missing endpoint'; Arguments = @{ Name = 'pester-bi-nope'; ResourceGroupName = 'rg-bi' }; ErrorId = 'PrivateEndpointNotFound' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'a cache piped in'; Arguments = @{}; Pipe = 'Cache'; ErrorId = 'WrongResourceType' }
            @{ Command = 'Approve-RedisPrivateEndpointConnection'; Case = 'cache id that is a virtual network'; Arguments = @{ CacheId = '{VnetId}'; ConnectionName = '{ConnectionName}' }; ErrorId = 'WrongResourceType' }
            @{ Command = 'Approve-RedisPrivateEndpointConnection'; Case = 'cache id in a subscription the caller cannot see'; Arguments = @{ CacheId = '/subscriptions/{OtherSub}/resourceGroups/rg-bi/providers/Microsoft.Cache/redis/pester-bi'; ConnectionName = '{ConnectionName}' }; ErrorId = 'SubscriptionNotFound' }
            @{ Command = 'Approve-RedisPrivateEndpointConnection'; Case = 'a connection the cache does not have'; Arguments = @{ CacheId = '{CacheId}'; ConnectionName = 'nope.00000000-0000-0000-0000-000000000000' }; ErrorId = 'PrivateEndpointConnectionNotFound' }
            @{ Command = 'Approve-RedisPrivateEndpointConnection'; Case = 'a string piped in'; Arguments = @{}; Pipe = 'pester-bi'; ErrorId = 'InputObjectNotBound' }
            @{ Command = 'Deny-RedisPrivateEndpointConnection'; Case = 'a missing cache'; Arguments = @{ CacheId = '{MissingCacheId}'; ConnectionName = '{ConnectionName}' }; ErrorId = 'CacheNotFound' }
            @{ Command = 'Deny-RedisPrivateEndpointConnection'; Case = 'cache id with a query'; Arguments = @{ CacheId = '{CacheId}?api-version=1'; ConnectionName = '{ConnectionName}' }; ErrorId = 'InvalidResourceId' }
            @{ Command = 'Deny-RedisPrivateEndpointConnection'; Case = 'connection name with path traversal'; Arguments = @{ CacheId = '{CacheId}'; ConnectionName = '../../../pester-bi-bare' }; ErrorId = 'PrivateEndpointConnectionNotFound' }
            @{ Command = 'Deny-RedisPrivateEndpointConnection'; Case = 'empty connection name'; Arguments = @{ CacheId = '{CacheId}'; ConnectionName = '' }; ErrorId = 'ParameterArgumentValidationError' }
            @{ Command = 'Deny-RedisPrivateEndpointConnection'; Case = 'a cache piped in (no ConnectionName)'; Arguments = @{}; Pipe = 'Cache'; ErrorId = 'InputObjectNotBound' }
        ) {
            $parameters = Get-RowArgument 'None' $Arguments
            if ((Get-Command $Command).Parameters.ContainsKey('Confirm')) { $parameters['Confirm'] = $false }
            $failure = Invoke-Row $Command $parameters $Pipe

            $failure | Should -Not -BeNullOrEmpty -Because 'bad input must stop the cmdlet'
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.$($Command.Replace('-', ''))Command"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
        # Rows that once failed (a misspelt region accepted, names pasted into ids unchecked), kept apart as regressions.
        It 'regression: <Command>: <Case> -> <ErrorId>' -ForEach @(
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'cache name with consecutive hyphens'; Arguments = @{ Name = 'bad--name'; ResourceGroupName = 'rg-bi'; PublicNetworkAccess = 'Enabled' }; ErrorId = 'InvalidCacheName' }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Case = 'cache name with a query'; Arguments = @{ Name = 'pester-bi?x=1'; ResourceGroupName = 'rg-bi'; PublicNetworkAccess = 'Enabled' }; ErrorId = 'InvalidCacheName' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'endpoint name with a bang'; Arguments = @{ Name = 'pe!'; ResourceGroupName = 'rg-bi' }; ErrorId = 'InvalidPrivateEndpointName' }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Case = 'endpoint name with a slash'; Arguments = @{ Name = 'pester-bi-pe/x'; ResourceGroupName = 'rg-bi' }; ErrorId = 'InvalidPrivateEndpointName' }
        ) {
            $parameters = Get-RowArgument 'None' $Arguments
            if ((Get-Command $Command).Parameters.ContainsKey('Confirm')) { $parameters['Confirm'] = $false }
            $failure = Invoke-Row $Command $parameters $Pipe

            $failure | Should -Not -BeNullOrEmpty -Because 'bad input must stop the cmdlet'
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.$($Command.Replace('-', ''))Command"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
    }

    Context 'Connect-RedisPrivateLink' {
        It '<Case> -> <ErrorId>' -ForEach @(
            @{ Case = 'a missing connection file'; Arguments = @{ EmulatorConnectionFile = '/nonexistent/rpl/connection.json' }; ErrorId = 'EmulatorConnectionFileNotFound' }
            @{ Case = 'a subscription ARM does not know'; Arguments = @{ EmulatorConnectionFile = '{ConnectionFile}'; Subscription = '{OtherSub}' }; ErrorId = 'SubscriptionNotFound' }
        ) {
            $Tokens['{ConnectionFile}'] = $Emulator.ConnectionFile
            $parameters = Get-RowArgument 'None' $Arguments
            $failure = Invoke-Row 'Connect-RedisPrivateLink' $parameters $null

            $failure | Should -Not -BeNullOrEmpty
            $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,RedisPrivateLink.Commands.ConnectRedisPrivateLinkCommand"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        }
    }

    Context 'without a context' {
        BeforeAll {
            Disconnect-RedisPrivateLink
        }

        AfterAll {
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
        }

        It '<Command> -> NotConnected' -ForEach @(
            @{ Command = 'New-RedisPrivateCache'; Base = 'New'; Arguments = @{} }
            @{ Command = 'Add-RedisPrivateEndpoint'; Base = 'Add'; Arguments = @{} }
            @{ Command = 'Get-RedisPrivateCache'; Base = 'None'; Arguments = @{} }
            @{ Command = 'Get-RedisPrivateEndpoint'; Base = 'None'; Arguments = @{} }
            @{ Command = 'Set-RedisPublicNetworkAccess'; Base = 'None'; Arguments = @{ ResourceId = '{CacheId}'; PublicNetworkAccess = 'Enabled'; Confirm = $false } }
            @{ Command = 'Remove-RedisPrivateEndpoint'; Base = 'None'; Arguments = @{ ResourceId = '{EndpointId}'; Force = $true; Confirm = $false } }
            @{ Command = 'Approve-RedisPrivateEndpointConnection'; Base = 'None'; Arguments = @{ CacheId = '{CacheId}'; ConnectionName = '{ConnectionName}'; Confirm = $false } }
            @{ Command = 'Deny-RedisPrivateEndpointConnection'; Base = 'None'; Arguments = @{ CacheId = '{CacheId}'; ConnectionName = '{ConnectionName}'; Confirm = $false } }
        ) {
            $parameters = Get-RowArgument $Base $Arguments
            $failure = $null
            try { $null = & $Command @parameters -ErrorAction Stop } catch { $failure = $_ }

            $failure | Should -Not -BeNullOrEmpty
            $failure.FullyQualifiedErrorId | Should -Be "NotConnected,RedisPrivateLink.Commands.$($Command.Replace('-', ''))Command"
            Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
            @(Invoke-EmulatorControl $Emulator '/_emulator/requests') | Should -BeNullOrEmpty -Because 'without a context nothing reaches ARM at all'
        }
    }
}
