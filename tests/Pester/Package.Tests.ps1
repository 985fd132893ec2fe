# The module as build.ps1 -Task Package leaves it for a PowerShell repository (the Test task packages before testing):
# complete metadata, and the .nupkg installs into an empty module path and imports from there.
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

    It 'installs from its .nupkg into an empty module path and imports by name from there' {
        $nupkg = @(Get-ChildItem (Join-Path $PackageOut 'repository') -Filter 'RedisPrivateLink.*.nupkg')
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
