# The README's first command runs this demo; it must keep working and show what it promises.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
}

Describe "The README's main job (build.ps1 -Task Demo)" {
    It 'runs both sections of the procedure and shows the endpoints, DNS records and public access' {
        $demo = Join-Path $PSScriptRoot '../Demo.ps1'
        $pwsh, $pwshArgs = Get-TestPwshCommand
        $output = & $pwsh @pwshArgs -NoProfile -NonInteractive -File $demo -ModulePath $env:RPL_TEST_MODULE -EmulatorPath $env:RPL_TEST_EMULATOR *>&1 | Out-String
        $output = $output -replace "`e\[[0-9;]*m", "" # colour escapes of the child's formatting

        $LASTEXITCODE | Should -Be 0
        $output | Should -Match 'Connect-RedisPrivateLink -EmulatorConnectionFile'
        $output | Should -Match 'SubscriptionId\s*:\s*[0-9a-f-]{36}'
        $output | Should -Match "What if: Create resource group 'rg-cache'"
        $output | Should -Match "What if: Create private endpoint 'contoso-cache-pe'"
        $output | Should -Match 'PublicNetworkAccess\s*:\s*Disabled'
        $output | Should -Match 'contoso-cache\s+rg-cache\s+eastus\s+Classic\s+Standard C1\s+6380\s+Succeeded\s+Disabled\s+2'
        $output | Should -Match 'contoso-cache\.privatelink\.redis\.cache\.windows\.net -> 10\.10\.1\.\d+'
        $output | Should -Match 'contoso-cache\.privatelink\.redis\.cache\.windows\.net -> 10\.20\.1\.\d+'
        $output | Should -Match '0 cache\(s\) with public network access enabled'
        $output | Should -Not -Match 'Exception|Error'
    }
}
