BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Import-Module $env:RPL_TEST_MODULE
    $script:Emulator = Start-TestEmulator
    $script:CommandType = 'RedisPrivateLink.Commands.ConnectRedisPrivateLinkCommand'
}

AfterAll {
    Disconnect-RedisPrivateLink
    Stop-TestEmulator $Emulator
}

Describe 'Connect-RedisPrivateLink' {
    BeforeEach {
        Disconnect-RedisPrivateLink
    }

    It 'connects to the emulator, writes the context and makes it the session default' {
        $context = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile

        $context.GetType().FullName | Should -Be 'RedisPrivateLink.Engine.Context.RedisPrivateLinkContext'
        $context.SubscriptionId | Should -Be $Emulator.SubscriptionId
        $context.TenantId | Should -Be $Emulator.TenantId
        $context.Environment | Should -Be 'AzureCloud'
        $context.ResourceManagerUrl | Should -Be $Emulator.Endpoint
        $context.RedisPrivateDnsZone | Should -Be 'privatelink.redis.cache.windows.net'
        $context.SubscriptionName | Should -Not -BeNullOrEmpty
        Get-RedisPrivateLinkContext | Should -Be $context
    }

    It 'takes -EmulatorConnectionFile from a piped object''s property of that name, as Start-RedisPrivateLinkEmulator returns' {
        $context = [pscustomobject]@{ EmulatorConnectionFile = $Emulator.ConnectionFile } | Connect-RedisPrivateLink

        $context.ResourceManagerUrl | Should -Be $Emulator.Endpoint
        $context.SubscriptionId | Should -Be $Emulator.SubscriptionId
        Get-RedisPrivateLinkContext | Should -Be $context
    }

    It 'checks the subscription against ARM, naming the call in verbose output' {
        $verbose = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        $verbose.Message -match "GET /subscriptions/$($Emulator.SubscriptionId)\b.*\b200\b" | Should -Not -BeNullOrEmpty
        $log = Invoke-EmulatorControl $Emulator '/_emulator/requests'
        @($log | Where-Object { $_.method -eq 'GET' -and $_.path -match "^/subscriptions/$($Emulator.SubscriptionId)$" }).Count | Should -BeGreaterThan 0
    }

    It 'resolves -Subscription given by name' {
        $byId = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
        $byName = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile -Subscription $byId.SubscriptionName

        $byName.SubscriptionId | Should -Be $byId.SubscriptionId
    }

    It 'refuses a subscription ARM does not know, with SubscriptionNotFound, and keeps no default' {
        { Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile -Subscription ([guid]::NewGuid()) } |
            Should -Throw -ErrorId "SubscriptionNotFound,$CommandType"
        Get-RedisPrivateLinkContext | Should -BeNullOrEmpty
    }

    It 'names a missing connection file with EmulatorConnectionFileNotFound' {
        { Connect-RedisPrivateLink -EmulatorConnectionFile (Join-Path $TestDrive 'nope.json') } |
            Should -Throw -ErrorId "EmulatorConnectionFileNotFound,$CommandType"
    }

    It 'refuses a malformed connection file with InvalidEmulatorConnectionFile' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content $bad '{"endpoint": 42}'
        { Connect-RedisPrivateLink -EmulatorConnectionFile $bad } |
            Should -Throw -ErrorId "InvalidEmulatorConnectionFile,$CommandType"
    }

    It 'trusts only the emulator certificate it was told about' {
        $wrong = Join-Path $TestDrive 'wrong-thumbprint.json'
        $connection = Get-Content -Raw $Emulator.ConnectionFile | ConvertFrom-Json
        $connection.certificateThumbprint = '0000000000000000000000000000000000000000'
        $connection | ConvertTo-Json | Set-Content $wrong

        { Connect-RedisPrivateLink -EmulatorConnectionFile $wrong } |
            Should -Throw -ErrorId "ServerCertificateNotTrusted,$CommandType"
        Get-RedisPrivateLinkContext | Should -BeNullOrEmpty
    }

    It 'requires -Tenant for a service principal' {
        $credential = [pscredential]::new('00000000-0000-0000-0000-000000000001', (ConvertTo-SecureString 'not-a-secret' -AsPlainText -Force))
        { Connect-RedisPrivateLink -ServicePrincipal -Credential $credential } |
            Should -Throw -ErrorId "MissingMandatoryParameter,$CommandType"
    }

    It 'never shows a token in the context display' {
        $context = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
        $text = ($context | Format-List * | Out-String) + ($context | Format-Table | Out-String) + $context.ToString()

        $text | Should -Not -Match 'emulator-token|eyJ|Bearer'
        $text | Should -Match $Emulator.SubscriptionId
    }
}
