# Approve- and Deny-RedisPrivateEndpointConnection share their runtime; both are tested here.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Cache = New-RedisPrivateCache -Name pester-appr -ResourceGroupName rg-appr -Location eastus -VirtualNetworkName vnet-71 `
        -AddressPrefix 10.71.0.0/16 -SubnetName endpoints -SubnetPrefix 10.71.1.0/24 -Confirm:$false
    foreach ($octet in 72, 73) {
        $null = $Cache | Add-RedisPrivateEndpoint -Name "pester-appr-$octet" -VirtualNetworkName "vnet-$octet" -AddressPrefix "10.$octet.0.0/16" `
            -SubnetName endpoints -SubnetPrefix "10.$octet.1.0/24" -ManualApproval -RequestMessage 'please' -Confirm:$false -WarningAction SilentlyContinue
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Approve-RedisPrivateEndpointConnection and Deny-RedisPrivateEndpointConnection' {
    It 'approves a piped pending endpoint' {
        $pending = Get-RedisPrivateEndpoint -Name pester-appr-72
        $pending.ConnectionState | Should -Be 'Pending'

        $approved = $pending | Approve-RedisPrivateEndpointConnection -Description 'ticket 4711' -Confirm:$false

        $approved.ConnectionState | Should -Be 'Approved'
        $approved.ConnectionDescription | Should -Be 'ticket 4711'
        (Get-RedisPrivateCache -ResourceGroupName rg-appr -Name pester-appr).PrivateIpAddresses | Should -Contain $approved.PrivateIpAddress
    }

    It 'denies a pending endpoint' {
        $denied = Get-RedisPrivateEndpoint -Name pester-appr-73 | Deny-RedisPrivateEndpointConnection -Description 'not ours' -Confirm:$false

        $denied.ConnectionState | Should -Be 'Rejected'
    }

    It 'refuses to approve a rejected connection with ConnectionAlreadyRejected' {
        { Get-RedisPrivateEndpoint -Name pester-appr-73 | Approve-RedisPrivateEndpointConnection -Confirm:$false } |
            Should -Throw -ErrorId 'ConnectionAlreadyRejected,RedisPrivateLink.Commands.ApproveRedisPrivateEndpointConnectionCommand'
    }

    It 'refuses a connection the cache does not have with PrivateEndpointConnectionNotFound' {
        { Approve-RedisPrivateEndpointConnection -CacheId $Cache.Id -ConnectionName 'nope.00000000-0000-0000-0000-000000000000' -Confirm:$false } |
            Should -Throw -ErrorId 'PrivateEndpointConnectionNotFound,RedisPrivateLink.Commands.ApproveRedisPrivateEndpointConnectionCommand'
    }
}

Describe 'Approve-/Deny-RedisPrivateEndpointConnection -CacheName on an Azure Managed Redis cache' {
    BeforeAll {
        $script:Managed = New-RedisPrivateCache -Name pester-appr-amr -ResourceGroupName rg-appr -Location eastus -Sku Balanced_B0 `
            -SubnetId $Cache.PrivateEndpoints[0].SubnetId -PrivateEndpointName pester-appr-amr-pe -Confirm:$false
        foreach ($octet in 74, 75) {
            $null = $Managed | Add-RedisPrivateEndpoint -Name "pester-appr-amr-$octet" -VirtualNetworkName "vnet-$octet" -AddressPrefix "10.$octet.0.0/16" `
                -SubnetName endpoints -SubnetPrefix "10.$octet.1.0/24" -ManualApproval -RequestMessage 'please' -Confirm:$false -WarningAction SilentlyContinue
        }
        $script:ConnectionOf = { param($endpointName) (Get-RedisPrivateEndpoint -Name $endpointName).ConnectionName }
    }

    It 'approves a pending connection of the cluster found by its name' {
        $approved = Approve-RedisPrivateEndpointConnection -CacheName pester-appr-amr -ResourceGroupName rg-appr -ConnectionName (& $ConnectionOf pester-appr-amr-74) `
            -Description 'ticket 4712' -Confirm:$false

        $approved.Name | Should -Be 'pester-appr-amr-74'
        $approved.ConnectionState | Should -Be 'Approved'
        $approved.CacheId | Should -Be $Managed.Id
        $connection = Invoke-EmulatorArm $Emulator "$($Managed.Id)/privateEndpointConnections/$($approved.ConnectionName)" -ApiVersion $ArmApiVersion.RedisEnterprise
        $connection.Body.properties.privateLinkServiceConnectionState.status | Should -Be 'Approved'
        $connection.Body.properties.privateLinkServiceConnectionState.description | Should -Be 'ticket 4712'
    }

    It 'denies a pending connection of the cluster found by its name' {
        $denied = Deny-RedisPrivateEndpointConnection -CacheName pester-appr-amr -ResourceGroupName rg-appr -ConnectionName (& $ConnectionOf pester-appr-amr-75) -Confirm:$false

        $denied.ConnectionState | Should -Be 'Rejected'
        (Get-RedisPrivateEndpoint -Name pester-appr-amr-75).ConnectionState | Should -Be 'Rejected'
    }

    It 'refuses a name a classic cache and a Managed Redis cache share with AmbiguousCacheName, before any write' {
        $null = New-RedisPrivateCache -Name pester-appr -ResourceGroupName rg-appr -Location eastus -Sku Balanced_B0 `
            -SubnetId $Cache.PrivateEndpoints[0].SubnetId -PrivateEndpointName pester-appr-twin-pe -Confirm:$false
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $thrown = { Approve-RedisPrivateEndpointConnection -CacheName pester-appr -ResourceGroupName rg-appr -ConnectionName 'any.00000000-0000-0000-0000-000000000000' -Confirm:$false } |
            Should -Throw -ErrorId 'AmbiguousCacheName,RedisPrivateLink.Commands.ApproveRedisPrivateEndpointConnectionCommand' -PassThru

        $thrown.Exception.Message | Should -Match '-CacheId'
        $thrown.Exception.Message | Should -Match ([regex]::Escape($Cache.Id))
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'refuses a cache name that finds no cache with CacheNotFound' {
        { Deny-RedisPrivateEndpointConnection -CacheName pester-missing -ResourceGroupName rg-appr -ConnectionName 'any.0' -Confirm:$false } |
            Should -Throw -ErrorId 'CacheNotFound,RedisPrivateLink.Commands.DenyRedisPrivateEndpointConnectionCommand'
    }
}
