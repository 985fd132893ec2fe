@{
    # A stand-in for Az.Accounts in tests: Az is not served here. Same name, so Connect-RedisPrivateLink -FromAzContext
    # finds it as it finds the real one; the shapes of its objects are Az.Accounts' (src/Accounts in Azure/azure-powershell).
    RootModule        = 'Az.Accounts.psm1'
    ModuleVersion     = '0.0.1'
    GUID              = '3b1f9c2e-6a57-4d0e-9a43-7f2d1c8e5b60'
    Author            = 'RedisPrivateLink tests'
    Description       = 'Test stand-in for Az.Accounts: Connect-AzAccount -Identity, Get-AzContext, Get-AzAccessToken, Disconnect-AzAccount against the RedisPrivateLink emulator.'
    PowerShellVersion = '7.4'
    FunctionsToExport = @('Connect-AzAccount', 'Get-AzContext', 'Get-AzAccessToken', 'Disconnect-AzAccount')
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
