# Approve- and Deny-RedisPrivateEndpointConnection share their runtime; both are tested here.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:Emulator = Start-TestEmulator
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
    $script:Cache = New-RedisPrivateCache -Name pester-appr -ResourceGroupName rg-appr -Location eastus -VirtualNetworkName vnet-71 `
        -AddressPrefix 10.71.0.0/16 -SubnetName endpoints -SubnetPrefix 10.71.1.0/24 -Confirm:$false
    foreach ($octet in 72, 73) {
        $null = $Cache | Add-RedisPrivateEndpoint -Name "pester-appr-$octet" -VirtualNetworkName "vnet-$octet" -AddressPrefix "10.$octet.0.0/16" `
            -SubnetName endpoints -SubnetPrefix "10.$octet.1.0/24" -ManualApproval -RequestMessage 'please' -Confirm:$false -WarningAction SilentlyContinue
    }
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
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
