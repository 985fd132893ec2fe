# Pipeline input processed concurrently: Set-RedisPublicNetworkAccess and Add-RedisPrivateEndpoint with -ThrottleLimit,
# against an emulator whose write budget is far smaller than the fleet.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession -ExtraArgument '--writes', '4:8'
    $script:Sub = $Emulator.SubscriptionId
    $script:SetType = 'RedisPrivateLink.Commands.SetRedisPublicNetworkAccessCommand'
    $script:Rg = "/subscriptions/$Sub/resourceGroups/rg-tl"

    # Arranges state directly, waiting out the emulator's throttling as any client must.
    function script:Invoke-Arranged([string] $Path, [string] $ApiVersion, $Body) {
        while (($response = Invoke-EmulatorArm $Emulator $Path -ApiVersion $ApiVersion -Method PUT -Body $Body).Status -eq 429) { Start-Sleep -Milliseconds 200 }
        if ($response.Status -ge 300) { throw "PUT $Path answered $($response.Status)" }
    }

    $null = Invoke-Arranged $Rg $ArmApiVersion.ResourceGroups @{ location = 'eastus' }
    $script:Names = 1..8 | ForEach-Object { 'pester-tl-{0}' -f $_ }
    foreach ($name in $Names) {
        Invoke-Arranged "$Rg/providers/Microsoft.Cache/redis/$name" $ArmApiVersion.Redis @{
            location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Disabled' }
        }
    }
    foreach ($name in $Names) { Wait-EmulatorProvisioned $Emulator "$Rg/providers/Microsoft.Cache/redis/$name" -ApiVersion $ArmApiVersion.Redis }
    Invoke-Arranged "$Rg/providers/Microsoft.Network/virtualNetworks/vnet-tl" $ArmApiVersion.Network @{
        location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.71.0.0/16') }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = '10.71.1.0/24' } }) }
    }
    Wait-EmulatorProvisioned $Emulator "$Rg/providers/Microsoft.Network/virtualNetworks/vnet-tl" -ApiVersion $ArmApiVersion.Network
    $script:SubnetId = "$Rg/providers/Microsoft.Network/virtualNetworks/vnet-tl/subnets/endpoints"

    function script:Get-ArmPublicAccess([string] $Name) {
        (Invoke-EmulatorArm $Emulator "$Rg/providers/Microsoft.Cache/redis/$Name" -ApiVersion $ArmApiVersion.Redis).Body.properties.publicNetworkAccess
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe '-ThrottleLimit' {
    It 'changes every piped cache, writes them in input order, and lets no 429 through' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        # Beyond the tight budget, which the module paces itself to, three PATCHes are refused as ARM refuses a
        # subscription that another client has drained.
        $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method POST -Body @{
            method = 'PATCH'; pathPattern = '*/redis/pester-tl-*'; kind = 'status'; status = 429; code = 'SubscriptionRequestsThrottled'; retryAfter = 1; count = 3
        }
        $errors = @()

        $caches = Get-RedisPrivateCache -ResourceGroupName rg-tl | Where-Object Name -in $Names | Sort-Object Name -Descending |
            Set-RedisPublicNetworkAccess -PublicNetworkAccess Enabled -ThrottleLimit 4 -Confirm:$false -WarningAction SilentlyContinue -ErrorVariable errors

        $errors | Should -BeNullOrEmpty
        $caches.Name | Should -Be ($Names | Sort-Object -Descending)
        foreach ($name in $Names) { Get-ArmPublicAccess $name | Should -Be 'Enabled' }
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object status -eq 429).Count | Should -BeGreaterOrEqual 3
    }

    It 'reports a failed input as a non-terminating error with its id and target, and completes the others' {
        $missing = "$Rg/providers/Microsoft.Cache/redis/pester-tl-missing"
        $ids = @("$Rg/providers/Microsoft.Cache/redis/pester-tl-1", $missing, "$Rg/providers/Microsoft.Cache/redis/pester-tl-2")
        $errors = @()

        $caches = $ids | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
            Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors

        $caches.Name | Should -Be @('pester-tl-1', 'pester-tl-2')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "CacheNotFound,$SetType"
        $errors[0].TargetObject | Should -Be $missing
        Get-ArmPublicAccess 'pester-tl-1' | Should -Be 'Disabled'
        Get-ArmPublicAccess 'pester-tl-2' | Should -Be 'Disabled'
    }

    It 'adds an endpoint to each piped cache, in input order' {
        $piped = Get-RedisPrivateCache -ResourceGroupName rg-tl | Where-Object Name -in $Names[0..2]

        $caches = $piped | Add-RedisPrivateEndpoint -SubnetId $SubnetId -ThrottleLimit 3 -Confirm:$false -WarningAction SilentlyContinue

        $caches.Name | Should -Be $piped.Name
        foreach ($cache in $caches) {
            $cache.PrivateEndpoints.Count | Should -Be 1
            $cache.PrivateEndpoints[0].ConnectionState | Should -Be 'Approved'
        }
        @($caches.PrivateIpAddresses | Sort-Object -Unique).Count | Should -Be 3
    }

    It 'writes nothing with -WhatIf, whatever the throttle limit' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $enabled = $Names[2..7]

        $out = Get-RedisPrivateCache -ResourceGroupName rg-tl | Where-Object Name -in $enabled |
            Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -ThrottleLimit 8 -WhatIf -WarningAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        foreach ($name in $enabled) { Get-ArmPublicAccess $name | Should -Be 'Enabled' }
    }

    It '<Command> refuses -ThrottleLimit <Limit>' -ForEach @(
        @{ Command = 'Set-RedisPublicNetworkAccess'; Limit = 0; Arguments = @{ Name = 'pester-tl-1'; ResourceGroupName = 'rg-tl'; PublicNetworkAccess = 'Enabled' } }
        @{ Command = 'Set-RedisPublicNetworkAccess'; Limit = 65; Arguments = @{ Name = 'pester-tl-1'; ResourceGroupName = 'rg-tl'; PublicNetworkAccess = 'Enabled' } }
        @{ Command = 'Add-RedisPrivateEndpoint'; Limit = 0; Arguments = @{ CacheName = 'pester-tl-1'; ResourceGroupName = 'rg-tl'; SubnetId = 'x' } }
        @{ Command = 'Add-RedisPrivateEndpoint'; Limit = 65; Arguments = @{ CacheName = 'pester-tl-1'; ResourceGroupName = 'rg-tl'; SubnetId = 'x' } }
    ) {
        { & $Command @Arguments -ThrottleLimit $Limit -Confirm:$false } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,RedisPrivateLink.Commands.$($Command.Replace('-', ''))Command"
    }
}
