BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:Emulator = Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Disconnect-RedisPrivateLink' {
    It 'clears the session default' {
        Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile | Out-Null

        Disconnect-RedisPrivateLink

        Get-RedisPrivateLinkContext | Should -BeNullOrEmpty
    }

    It 'closes a piped context that is not the default and leaves the default alone' {
        $other = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
        $default = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile

        $other | Disconnect-RedisPrivateLink

        [object]::ReferenceEquals((Get-RedisPrivateLinkContext), $default) | Should -BeTrue
    }

    It 'does nothing, quietly, when not connected' {
        Disconnect-RedisPrivateLink
        { Disconnect-RedisPrivateLink -ErrorAction Stop } | Should -Not -Throw
    }
}
