# The module and its emulator as build.ps1 -Task Package leaves them for a PowerShell repository (the Test task packages
# before testing): complete metadata, and the .nupkg files install into an empty module path and work from there.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:PackageOut = Join-Path (Split-Path $env:RPL_TEST_MODULE) 'package'
    $script:Root = Split-Path (Split-Path $PSScriptRoot)
    if (-not (Test-Path (Join-Path $PackageOut 'RedisPrivateLink/RedisPrivateLink.psd1'))) {
        throw "No package at ${PackageOut}: run 'dotnet pwsh ./build.ps1 -Task Package' first."
    }
}

Describe 'The packaged module' {
    It 'has the metadata a repository shows, this version''s release notes and its license' {
        $manifest = Test-ModuleManifest (Join-Path $PackageOut 'RedisPrivateLink/RedisPrivateLink.psd1')
        $version = ([xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1

        $manifest.Version | Should -Be ([version]$version)
        $manifest.Description | Should -Match 'Private Link'
        $manifest.Tags | Should -Contain 'PrivateLink'
        $manifest.Tags | Should -Contain 'Redis'
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Match 'First release'
        Join-Path $PackageOut 'RedisPrivateLink/LICENSE' | Should -Exist
        $manifest.ExportedCmdlets.Keys | Should -Contain 'New-RedisPrivateCache'
    }

    It 'carries no emulator: production runbooks get no test server' {
        Get-ChildItem (Join-Path $PackageOut 'RedisPrivateLink') -Recurse -Filter 'RedisPrivateLink.Emulator*' | Should -BeNullOrEmpty
    }

    It 'installs from its .nupkg into an empty module path and imports by name from there' {
        $nupkg = @(Get-ChildItem (Join-Path $PackageOut 'repository') -Filter '*.nupkg' | Where-Object Name -Match '^RedisPrivateLink\.\d')
        $nupkg.Count | Should -Be 1
        $clean = Join-Path ([IO.Path]::GetTempPath()) ('rpl-clean-' + [guid]::NewGuid().ToString('N'))
        $repository = 'rpl-test-' + [guid]::NewGuid().ToString('N')
        Register-PSResourceRepository -Name $repository -Uri (Join-Path $PackageOut 'repository') -Trusted
        try {
            $null = New-Item -ItemType Directory $clean
            Save-PSResource -Name RedisPrivateLink -Repository $repository -Path $clean -TrustRepository -SkipDependencyCheck

            $output = Invoke-ChildPwsh -ArgumentList $clean -Script {
                param($ModulePath)
                $ErrorActionPreference = 'Stop'
                $env:PSModulePath = $ModulePath
                Import-Module RedisPrivateLink
                $module = Get-Module RedisPrivateLink
                "path=$($module.ModuleBase)"
                "cmdlets=$(@(Get-Command -Module RedisPrivateLink).Count)"
                "help=$((Get-Help New-RedisPrivateCache).Synopsis)"
            }

            ($output | Where-Object { $_ -like 'path=*' }) | Should -BeLike "path=$clean*"
            ($output | Where-Object { $_ -like 'cmdlets=*' }) | Should -Be 'cmdlets=13'
            ($output | Where-Object { $_ -like 'help=*' }) | Should -Not -Be 'help='
        }
        finally {
            Unregister-PSResourceRepository -Name $repository
            Remove-Item -Recurse -Force $clean -ErrorAction SilentlyContinue
        }
    }
}

Describe 'The packaged emulator' {
    It 'is a module of its own with the metadata a repository shows, the module''s version, its license and the emulator inside' {
        $manifest = Test-ModuleManifest (Join-Path $PackageOut 'RedisPrivateLink.Emulator/RedisPrivateLink.Emulator.psd1')
        $module = Test-ModuleManifest (Join-Path $PackageOut 'RedisPrivateLink/RedisPrivateLink.psd1')

        $manifest.Version | Should -Be $module.Version
        $manifest.Description | Should -Match 'emulator'
        $manifest.Tags | Should -Contain 'Pester'
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Be $module.ReleaseNotes
        @($manifest.ExportedFunctions.Keys | Sort-Object) | Should -Be @('Start-RedisPrivateLinkEmulator', 'Stop-RedisPrivateLinkEmulator')
        Join-Path $PackageOut 'RedisPrivateLink.Emulator/LICENSE' | Should -Exist
        Join-Path $PackageOut 'RedisPrivateLink.Emulator/emulator/RedisPrivateLink.Emulator.dll' | Should -Exist
        Join-Path $PackageOut 'RedisPrivateLink.Emulator/emulator/RedisPrivateLink.Emulator.runtimeconfig.json' | Should -Exist
        Join-Path $PackageOut 'RedisPrivateLink.Emulator/emulator/RedisPrivateLink.Emulator' | Should -Not -Exist -Because 'the build machine''s native launcher serves no other platform'
        Join-Path $PackageOut 'RedisPrivateLink.Emulator/emulator/web.config' | Should -Not -Exist
        @(Get-ChildItem (Join-Path $PackageOut 'repository') -Filter 'RedisPrivateLink.Emulator.*.nupkg').Count | Should -Be 1
    }

    It 'installs with the module into an empty module path, where docs/examples/MyScript.Tests.ps1 passes from a copy outside the clone' {
        $clean = Join-Path ([IO.Path]::GetTempPath()) ('rpl-clean-' + [guid]::NewGuid().ToString('N'))
        $scripts = Join-Path ([IO.Path]::GetTempPath()) ('rpl-user-' + [guid]::NewGuid().ToString('N'))
        $repository = 'rpl-test-' + [guid]::NewGuid().ToString('N')
        Register-PSResourceRepository -Name $repository -Uri (Join-Path $PackageOut 'repository') -Trusted
        try {
            $null = New-Item -ItemType Directory $clean, $scripts
            Save-PSResource -Name RedisPrivateLink, RedisPrivateLink.Emulator -Repository $repository -Path $clean -TrustRepository -SkipDependencyCheck
            # The user's own script and its test, with nothing of the clone beside them.
            Copy-Item (Join-Path $Root 'docs/examples/MyScript.ps1'), (Join-Path $Root 'docs/examples/MyScript.Tests.ps1') $scripts
            $pester = Get-ChildItem -Path $env:RPL_TEST_PACKAGES -Filter Pester.psd1 -Recurse | Select-Object -First 1

            $lines = Invoke-ChildPwsh -ArgumentList $pester.FullName, $clean, (Join-Path $scripts 'MyScript.Tests.ps1') -Script {
                param($pesterManifest, $modulePath, $testFile)
                $ErrorActionPreference = 'Stop'
                # Only the installed packages and PowerShell's own modules: nothing else to find RedisPrivateLink in.
                $env:PSModulePath = $modulePath + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
                Import-Module $pesterManifest
                $result = Invoke-Pester -Path $testFile -PassThru -Output Detailed
                foreach ($module in Get-Module RedisPrivateLink, RedisPrivateLink.Emulator) { "LOADED $($module.Name) $($module.ModuleBase)" }
                'RESULT ' + (@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } | ConvertTo-Json -Compress)
            }

            $result = ($lines | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1).Substring(7) | ConvertFrom-Json
            $result.Failed | Should -Be 0 -Because ($lines -join "`n")
            $result.Passed | Should -Be 4
            $loaded = @($lines | Where-Object { $_ -like 'LOADED *' })
            $loaded.Count | Should -Be 2 -Because 'the test imported both modules'
            foreach ($line in $loaded) { $line | Should -BeLike "* $clean*" }
        }
        finally {
            Unregister-PSResourceRepository -Name $repository
            Remove-Item -Recurse -Force $clean, $scripts -ErrorAction SilentlyContinue
        }
    }
}
