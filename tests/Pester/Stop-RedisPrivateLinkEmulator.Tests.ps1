# Stop-RedisPrivateLinkEmulator (module RedisPrivateLink.Emulator): stops the emulators given, or all this session started.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module (Join-Path (Split-Path $env:RPL_TEST_MODULE) 'RedisPrivateLink.Emulator')
}

AfterAll {
    Stop-RedisPrivateLinkEmulator
}

Describe 'Stop-RedisPrivateLinkEmulator' {
    It 'stops the piped emulator and removes its directory, leaving the others running' {
        $stopped = Start-RedisPrivateLinkEmulator
        $kept = Start-RedisPrivateLinkEmulator

        $stopped | Stop-RedisPrivateLinkEmulator

        $stopped.Process.HasExited | Should -BeTrue
        $stopped.Directory | Should -Not -Exist
        $kept.Process.HasExited | Should -BeFalse
        $kept.EmulatorConnectionFile | Should -Exist
    }

    It 'stops every emulator this session started when given none' {
        $first = Start-RedisPrivateLinkEmulator
        $second = Start-RedisPrivateLinkEmulator

        Stop-RedisPrivateLinkEmulator

        $first.Process.HasExited | Should -BeTrue
        $second.Process.HasExited | Should -BeTrue
    }

    It 'does nothing for an emulator that has stopped already' {
        $emulator = Start-RedisPrivateLinkEmulator
        $emulator | Stop-RedisPrivateLinkEmulator

        { $emulator | Stop-RedisPrivateLinkEmulator -ErrorAction Stop } | Should -Not -Throw
    }

    It 'takes only emulators' {
        { [pscustomobject]@{ ProcessId = $PID } | Stop-RedisPrivateLinkEmulator -ErrorAction Stop } |
            Should -Throw -ErrorId 'InputObjectNotBound,Stop-RedisPrivateLinkEmulator'
    }
}
