@{
    RootModule           = 'RedisPrivateLink.Emulator.psm1'
    # Stamped by build.ps1 from <Version> in Directory.Build.props: the emulator ships with the module it answers for.
    ModuleVersion        = '0.0.0'
    GUID                 = '9b4e2f6a-3c71-4d0e-8a52-6f1d7c3b9e48'
    Author               = 'RedisPrivateLink contributors'
    CompanyName          = 'RedisPrivateLink'
    Copyright            = '(c) RedisPrivateLink contributors. MIT License.'
    Description          = 'The local ARM emulator of the RedisPrivateLink module, for testing your own scripts with Pester without Azure: Start-RedisPrivateLinkEmulator | Connect-RedisPrivateLink. Needs dotnet and the ASP.NET Core 10 runtime; not for production runbooks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = 'Core', 'Desktop'
    FunctionsToExport    = @(
        'Start-RedisPrivateLinkEmulator'
        'Stop-RedisPrivateLinkEmulator'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = 'Azure', 'Redis', 'PrivateLink', 'Emulator', 'Pester', 'Testing', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS'
            LicenseUri   = 'https://github.com/RedisPrivateLink/RedisPrivateLink/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/RedisPrivateLink/RedisPrivateLink'
            ReleaseNotes = ''
        }
    }
}
