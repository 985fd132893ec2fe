BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:ModulePath = $env:RPL_TEST_MODULE
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'RedisPrivateLink.psd1')
    $script:Emulator = Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'The built module' {
    It 'carries the version from Directory.Build.props' {
        $props = [xml](Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props'))
        $expected = @($props.Project.PropertyGroup.Version | Where-Object { $_ })[0]
        $Manifest.ModuleVersion | Should -Be $expected
    }

    It 'declares both editions and Windows PowerShell 5.1' {
        $Manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $Manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'exports exactly the cmdlets its manifest lists, and lists them explicitly' {
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
        $exported = Invoke-ChildPwsh -ArgumentList $ModulePath -Script { Import-Module $args[0]; (Get-Command -Module RedisPrivateLink).Name }
        @($exported | Sort-Object) | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
    }

    It 'ships its format file, help folder and dependencies but never System.Management.Automation' {
        Join-Path $ModulePath 'RedisPrivateLink.format.ps1xml' | Should -Exist
        Join-Path $ModulePath 'en-US' | Should -Exist
        Join-Path $ModulePath 'Dependencies/RedisPrivateLink.Engine.dll' | Should -Exist
        Join-Path $ModulePath 'Dependencies/Azure.Core.dll' | Should -Exist
        Get-ChildItem $ModulePath -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'loads the engine and Azure.Core into its private load context' {
        $contexts = Invoke-ChildPwsh -ArgumentList $ModulePath, $Emulator.ConnectionFile -Script {
            param($module, $connectionFile)
            Import-Module $module
            $context = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
            # Engine types are not visible by name in the session, by design; reach them through an object.
            $engine = $context.GetType().Assembly
            $azureCore = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Azure.Core' }
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Name
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Module RedisPrivateLink).ImplementingAssembly).Name
            @($azureCore | ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }) -join ','
        }
        $contexts[0] | Should -Be 'RedisPrivateLink'
        $contexts[1] | Should -Be 'Default'
        $contexts[2] | Should -Be 'RedisPrivateLink'
    }
}

