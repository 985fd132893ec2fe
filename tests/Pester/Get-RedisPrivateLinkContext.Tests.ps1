BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:Emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
}

Describe 'Get-RedisPrivateLinkContext' {
    It 'writes nothing when not connected' {
        Disconnect-RedisPrivateLink
        Get-RedisPrivateLinkContext | Should -BeNullOrEmpty
    }

    It 'writes the context the last Connect made the default' {
        $first = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
        $second = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile

        $current = Get-RedisPrivateLinkContext
        [object]::ReferenceEquals($current, $second) | Should -BeTrue
        [object]::ReferenceEquals($current, $first) | Should -BeFalse
    }

    It 'shows environment, subscription, tenant and account in its default table' {
        Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile | Out-Null
        $table = Get-RedisPrivateLinkContext | Format-Table | Out-String -Width 250

        $table | Should -Match 'Environment\s+SubscriptionName\s+SubscriptionId\s+TenantId\s+Account'
        $table | Should -Match $Emulator.TenantId
    }
}
