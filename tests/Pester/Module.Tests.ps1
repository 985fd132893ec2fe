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

    # One build serves PowerShell 7.4 (.NET 8) and 7.6 (.NET 10): the engine needs System.Text.Json 10.0, which .NET 10
    # ships and .NET 8 ships as 8.0. Run on both legs of the Test task, this is the case each leg can see.
    It 'shares a runtime assembly that is new enough and loads its own copy of one that is too old' {
        $lines = Invoke-ChildPwsh -ArgumentList $ModulePath, $Emulator.ConnectionFile -Script {
            param($module, $connectionFile)
            $ErrorActionPreference = 'Stop'
            Import-Module $module
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
            $null = Get-RedisPrivateCache
            $runtimeJson = [System.Text.Json.JsonSerializer].Assembly.GetName().Version
            "runtime=$runtimeJson"
            [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Text.Json' } | ForEach-Object {
                "loaded=$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name)|$($_.GetName().Version)"
            }
        }
        $needed = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModulePath 'Dependencies/System.Text.Json.dll')).Version
        $runtime = [version](($lines | Where-Object { $_ -like 'runtime=*' }) -replace '^runtime=')
        if ($runtime -ge $needed) {
            $lines | Should -Contain "loaded=Default|$runtime"
            $lines | Should -Not -Contain "loaded=RedisPrivateLink|$needed"
        }
        else {
            $lines | Should -Contain "loaded=RedisPrivateLink|$needed"
        }
    }
}
