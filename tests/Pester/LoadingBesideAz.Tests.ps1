# Az.Accounts brings its own Azure.Core and Azure.Identity. Other versions of both, loaded into the session's default
# load context, stand in for it here: the module must import and work with them loaded before it and after it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestEmulator
    $packages = $env:RPL_TEST_PACKAGES
    $script:ForeignCore = Get-ChildItem (Join-Path $packages 'azure.core') -Recurse -Filter Azure.Core.dll |
        Where-Object { $_.Directory.Name -eq 'netstandard2.0' } | Select-Object -First 1
    $script:ForeignIdentity = Get-ChildItem (Join-Path $packages 'azure.identity') -Recurse -Filter Azure.Identity.dll |
        Where-Object { $_.Directory.Name -eq 'netstandard2.0' } | Select-Object -First 1
    $script:OwnCoreVersion = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $env:RPL_TEST_MODULE 'Dependencies/Azure.Core.dll')).Version
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Loading beside other versions of Azure.Core and Azure.Identity' {
    It 'uses foreign versions that really differ from its own' {
        $foreign = [Reflection.AssemblyName]::GetAssemblyName($ForeignCore.FullName).Version
        $foreign | Should -Not -Be $OwnCoreVersion
    }

    It 'imports and connects when the other versions were loaded first' {
        $lines = Invoke-ChildPwsh -ArgumentList $ForeignCore.FullName, $ForeignIdentity.FullName, $env:RPL_TEST_MODULE, $Emulator.ConnectionFile -Script {
            param($core, $identity, $module, $connectionFile)
            $ErrorActionPreference = 'Stop'
            $foreignCore = [Reflection.Assembly]::LoadFrom($core)
            $null = [Reflection.Assembly]::LoadFrom($identity)
            # Use the foreign Azure.Core, as Az.Accounts would, before our module arrives.
            $null = [Azure.Core.AccessToken]::new('x', [DateTimeOffset]::UtcNow)
            Import-Module $module
            $context = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
            "subscription=$($context.SubscriptionId)"
            "session-azure-core=$([Azure.Core.AccessToken].Assembly.GetName().Version)"
            $loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Azure.Core' }
            foreach ($assembly in $loaded) {
                "loaded=$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name)|$($assembly.GetName().Version)"
            }
        }

        $lines | Should -Contain "subscription=$($Emulator.SubscriptionId)"
        $foreignVersion = [Reflection.AssemblyName]::GetAssemblyName($ForeignCore.FullName).Version
        $lines | Should -Contain "session-azure-core=$foreignVersion"
        $lines | Should -Contain "loaded=Default|$foreignVersion"
        $lines | Should -Contain "loaded=RedisPrivateLink|$OwnCoreVersion"
    }

    It 'keeps working when the other versions are loaded after it' {
        $lines = Invoke-ChildPwsh -ArgumentList $ForeignCore.FullName, $ForeignIdentity.FullName, $env:RPL_TEST_MODULE, $Emulator.ConnectionFile -Script {
            param($core, $identity, $module, $connectionFile)
            $ErrorActionPreference = 'Stop'
            Import-Module $module
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
            $null = [Reflection.Assembly]::LoadFrom($core)
            $null = [Reflection.Assembly]::LoadFrom($identity)
            "session-azure-core=$([Azure.Core.AccessToken].Assembly.GetName().Version)"
            $context = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
            "subscription=$($context.SubscriptionId)"
        }

        $lines | Should -Contain "subscription=$($Emulator.SubscriptionId)"
        $foreignVersion = [Reflection.AssemblyName]::GetAssemblyName($ForeignCore.FullName).Version
        $lines | Should -Contain "session-azure-core=$foreignVersion"
    }
}
