@{
    RootModule        = 'FloorModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0c6f3f0e-5a55-4f3e-9a57-1f0c2d9b7e11'
    CmdletsToExport   = @('Get-Floor')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
