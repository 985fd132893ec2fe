# The README's first command runs this demo; it must keep working and show what it promises.
Describe "The README's main job (build.ps1 -Task Demo)" {
    It 'connects to the emulator and shows the context' {
        $demo = Join-Path $PSScriptRoot '../Demo.ps1'
        $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $demo -ModulePath $env:RPL_TEST_MODULE -EmulatorPath $env:RPL_TEST_EMULATOR *>&1 | Out-String
        $output = $output -replace "`e\[[0-9;]*m", "" # colour escapes of the child's formatting

        $LASTEXITCODE | Should -Be 0
        $output | Should -Match 'Connect-RedisPrivateLink -EmulatorConnectionFile'
        $output | Should -Match 'SubscriptionId\s*:\s*[0-9a-f-]{36}'
        $output | Should -Match 'RedisPrivateDnsZone\s*:\s*privatelink\.redis\.cache\.windows\.net'
    }
}
