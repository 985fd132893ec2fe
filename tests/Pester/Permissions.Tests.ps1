<#
    Permissions checked before anything is written: a service principal signed in for real (the emulator's Entra token
    endpoint) with narrow built-in roles, set through the emulator's role assignments, which ARM then enforces with its
    real 403s. The arrangements are made with the emulator's static token, which is not evaluated.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId

    function New-Group([string] $Name) {
        $null = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/$Name" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }
        "/subscriptions/$Sub/resourceGroups/$Name"
    }

    # Registers a service principal holding the roles given (@{ scope = role } pairs) and signs in as it.
    function Connect-Principal([object[]] $Assignment) {
        $clientId = [guid]::NewGuid().ToString()
        $secret = [guid]::NewGuid().ToString('n')
        $principal = Invoke-EmulatorControl $Emulator '/_emulator/servicePrincipals' -Method POST -Body @{ clientId = $clientId; clientSecret = $secret }
        foreach ($pair in $Assignment) {
            $null = Invoke-EmulatorControl $Emulator '/_emulator/roleAssignments' -Method POST -Body @{ principalId = $principal.objectId; scope = $pair.Scope; role = $pair.Role }
        }
        $credential = [pscredential]::new($clientId, (ConvertTo-SecureString $secret -AsPlainText -Force))
        $null = Connect-RedisPrivateLink -ServicePrincipal -Credential $credential -Tenant $Emulator.TenantId -EmulatorConnectionFile $Emulator.ConnectionFile
        $principal.objectId
    }

    function Connect-Static { $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile }
}

AfterAll { Stop-TestSession $Emulator }

Describe 'New-RedisPrivateCache with narrow roles' {
    AfterEach { Connect-Static }

    It 'refuses with InsufficientPermissions, naming each missing action, its scope and a role, before any write' {
        $group = New-Group 'rg-perm1'
        $null = Connect-Principal @(@{ Scope = $group; Role = 'Reader' }, @{ Scope = $group; Role = 'Redis Cache Contributor' })
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $thrown = { New-RedisPrivateCache -Name perm-cache1 -ResourceGroupName rg-perm1 -Location eastus -VirtualNetworkName vnet-p1 `
                -AddressPrefix 10.31.0.0/16 -SubnetName endpoints -SubnetPrefix 10.31.1.0/24 -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'InsufficientPermissions,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand' -PassThru

        $message = $thrown.Exception.Message
        $message | Should -BeLike "*'Microsoft.Network/virtualNetworks/write' on '$group/providers/Microsoft.Network/virtualNetworks/vnet-p1' (built-in role 'Network Contributor' grants it)*"
        $message | Should -BeLike "*'Microsoft.Network/privateDnsZones/write' on '$group/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net' (built-in role 'Private DNS Zone Contributor' grants it)*"
        $message | Should -BeLike "*'Microsoft.Network/privateEndpoints/write' on '$group/providers/Microsoft.Network/privateEndpoints/perm-cache1-pe'*"
        $message | Should -BeLike "*'Microsoft.Network/virtualNetworks/subnets/join/action' on '$group/providers/Microsoft.Network/virtualNetworks/vnet-p1/subnets/endpoints'*"
        $message | Should -Not -BeLike '*Microsoft.Cache/redis/write*'
        $thrown.CategoryInfo.Category | Should -Be 'PermissionDenied'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        (Invoke-EmulatorArm $Emulator "$group/providers/Microsoft.Cache/redis/perm-cache1" -ApiVersion $ArmApiVersion.Redis).Status | Should -Be 404
    }

    It 'creates the cache with Contributor on the resource group' {
        $group = New-Group 'rg-perm2'
        $null = Connect-Principal @(@{ Scope = $group; Role = 'Contributor' })

        $cache = New-RedisPrivateCache -Name perm-cache2 -ResourceGroupName rg-perm2 -Location eastus -VirtualNetworkName vnet-p2 `
            -AddressPrefix 10.32.0.0/16 -SubnetName endpoints -SubnetPrefix 10.32.1.0/24 -WarningAction SilentlyContinue

        $cache.ProvisioningState | Should -Be 'Succeeded'
        $cache.PrivateIpAddresses | Should -Be '10.32.1.4'
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object path -eq "$group/providers/Microsoft.Authorization/permissions") | Should -HaveCount 1
    }

    It 'reports ARM''s LinkedAuthorizationFailed with the action and scope it names when the permissions cannot be read first' {
        $app = New-Group 'rg-perm3'
        $network = New-Group 'rg-perm3-net'
        $vnet = "$network/providers/Microsoft.Network/virtualNetworks/vnet-p3"
        $null = Invoke-EmulatorArm $Emulator $vnet -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
            location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.33.0.0/16') }; subnets = @(@{ name = 'endpoints'; properties = @{ addressPrefix = '10.33.1.0/24' } }) }
        }
        Wait-EmulatorProvisioned $Emulator $vnet -ApiVersion $ArmApiVersion.Network
        $null = Connect-Principal @(@{ Scope = $app; Role = 'Contributor' }, @{ Scope = $network; Role = 'Reader' })
        $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method POST -Body @{ method = 'GET'; pathPattern = '/providers/Microsoft.Authorization/permissions$'; kind = 'status'; status = 403; code = 'AuthorizationFailed'; count = 100 }
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        try {
            $thrown = { New-RedisPrivateCache -Name perm-cache3 -ResourceGroupName rg-perm3 -Location eastus -SubnetId "$vnet/subnets/endpoints" -Confirm:$false -WarningAction SilentlyContinue } |
                Should -Throw -ErrorId 'LinkedAuthorizationFailed,RedisPrivateLink.Commands.NewRedisPrivateCacheCommand' -PassThru
        }
        finally {
            $null = Invoke-EmulatorControl $Emulator '/_emulator/faults' -Method DELETE
        }

        $thrown.Exception.Message | Should -BeLike "*may not perform 'Microsoft.Network/virtualNetworks/join/action' on '$vnet'*(the built-in role 'Private DNS Zone Contributor' does)*"
        $thrown.CategoryInfo.Category | Should -Be 'PermissionDenied'
        # Never retried: only a role assignment changes the answer.
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object { $_.status -eq 403 -and $_.method -eq 'PUT' }) | Should -HaveCount 1
    }
}

Describe '-WhatIf' {
    It 'lists the permissions the plan needs, one line per action and scope, and writes nothing' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        $lines = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $Emulator.ConnectionFile -Script {
            param($module, $connectionFile)
            $ErrorActionPreference = 'Stop'
            Import-Module $module
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
            New-RedisPrivateCache -Name perm-whatif -ResourceGroupName rg-perm-whatif -Location eastus -VirtualNetworkName vnet-p4 `
                -AddressPrefix 10.34.0.0/16 -SubnetName endpoints -SubnetPrefix 10.34.1.0/24 -WhatIf -WarningAction SilentlyContinue
        }

        $group = "/subscriptions/$Sub/resourceGroups/rg-perm-whatif"
        $required = @($lines | Where-Object { $_ -like 'What if: Requires permission*' })
        $required | Should -Contain "What if: Requires permission 'Microsoft.Resources/subscriptions/resourceGroups/write' on '$group'"
        $required | Should -Contain "What if: Requires permission 'Microsoft.Cache/redis/write' on '$group/providers/Microsoft.Cache/redis/perm-whatif'"
        $required | Should -Contain "What if: Requires permission 'Microsoft.Network/privateEndpoints/write' on '$group/providers/Microsoft.Network/privateEndpoints/perm-whatif-pe'"
        $required | Should -Contain "What if: Requires permission 'Microsoft.Network/privateDnsZones/join/action' on '$group/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net'"
        $required | Should -Contain "What if: Requires permission 'Microsoft.Network/virtualNetworks/join/action' on '$group/providers/Microsoft.Network/virtualNetworks/vnet-p4'"
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }
}

Describe 'Set-RedisPublicNetworkAccess on a fleet' {
    AfterEach { Connect-Static }

    BeforeAll {
        function New-Fleet([string] $Group) {
            $groupId = New-Group $Group
            foreach ($name in 1..3 | ForEach-Object { "$Group-$_" }) {
                $null = Invoke-EmulatorArm $Emulator "$groupId/providers/Microsoft.Cache/redis/$name" -ApiVersion $ArmApiVersion.Redis -Method PUT `
                    -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Standard'; family = 'C'; capacity = 1 } } }
                Wait-EmulatorProvisioned $Emulator "$groupId/providers/Microsoft.Cache/redis/$name" -ApiVersion $ArmApiVersion.Redis
            }
            $groupId
        }
    }

    It 'reads the permissions of a resource group once for all its caches' {
        $group = New-Fleet 'rg-perm-fleet'
        $null = Connect-Principal @(@{ Scope = $group; Role = 'Reader' }, @{ Scope = $group; Role = 'Redis Cache Contributor' })
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $caches = Get-RedisPrivateCache -ResourceGroupName rg-perm-fleet | Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -WarningAction SilentlyContinue

        $caches.PublicNetworkAccess | Should -Be @('Disabled', 'Disabled', 'Disabled')
        @(Invoke-EmulatorControl $Emulator '/_emulator/requests' | Where-Object path -like '*/providers/Microsoft.Authorization/permissions') | Should -HaveCount 1
    }

    It 'refuses each cache with InsufficientPermissions when the role does not allow the write, and writes nothing' {
        $group = New-Fleet 'rg-perm-fleet2'
        $null = Connect-Principal @(@{ Scope = $group; Role = 'Reader' })
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $null = Get-RedisPrivateCache -ResourceGroupName rg-perm-fleet2 |
            Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        @($failures) | Should -HaveCount 3
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'InsufficientPermissions,RedisPrivateLink.Commands.SetRedisPublicNetworkAccessCommand' }
        $failures[0].Exception.Message | Should -BeLike "*'Microsoft.Cache/redis/write' on '$group/providers/Microsoft.Cache/redis/rg-perm-fleet2-*' (built-in role 'Redis Cache Contributor' grants it)*"
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }
}
