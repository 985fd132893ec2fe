@{
    # The floor module again with a one-view format file: what PowerShell charges for loading any format file.
    RootModule        = 'FloorModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '7a1d6e52-3c0b-4f8e-8d21-5b9e0c4a6f38'
    FormatsToProcess  = 'FloorFormatted.format.ps1xml'
    CmdletsToExport   = @('Get-Floor')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
