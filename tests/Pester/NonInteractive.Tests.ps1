# Runbooks are non-interactive (Azure Automation, pwsh -NonInteractive): nothing may prompt there. -Force means "do not
# ask" besides overriding its guard; a question the session cannot ask stops with ConfirmationRequired before any write.
# Each script runs in a fresh `pwsh -NonInteractive` of the PowerShell running this suite (7.6 or 7.4).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestEmulator
    $script:Sub = $Emulator.SubscriptionId
    $script:CacheId = "/subscriptions/$Sub/resourceGroups/rg-runbook/providers/Microsoft.Cache/Redis/runbook-cache"
    $script:EndpointId = "/subscriptions/$Sub/resourceGroups/rg-runbook/providers/Microsoft.Network/privateEndpoints/runbook-cache-pe"

    # A runbook as an admin writes one: no -Confirm:$false anywhere, -Force where a guard or high impact would ask.
    $script:Runbook = {
        param($module, $connectionFile, [switch] $WithoutForce)
        $ErrorActionPreference = 'Stop'
        Import-Module $module
        $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
        if (-not $WithoutForce) {
            $cache = New-RedisPrivateCache -Name runbook-cache -ResourceGroupName rg-runbook -Location eastus -Sku Basic -Size C0 `
                -VirtualNetworkName vnet-runbook -AddressPrefix 10.90.0.0/16 -SubnetName endpoints -SubnetPrefix 10.90.1.0/24
            "created=$($cache.Name)"
            "public=$(@(Get-RedisPrivateCache | Where-Object PublicNetworkAccess -eq Enabled).Count)"
            $null = Set-RedisPublicNetworkAccess -Name runbook-cache -ResourceGroupName rg-runbook -PublicNetworkAccess Disabled -Force
            Remove-RedisPrivateEndpoint -Name runbook-cache-pe -ResourceGroupName rg-runbook -Force -WarningAction SilentlyContinue
            'removed'
        }
        else {
            try {
                Remove-RedisPrivateEndpoint -Name runbook-cache-pe -ResourceGroupName rg-runbook
            }
            catch {
                "error=$($_.FullyQualifiedErrorId)"
                "message=$($_.Exception.Message)"
            }
        }
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'A runbook under pwsh -NonInteractive' {
    It 'connects, creates, audits, sets and removes the last endpoint with -Force, and is never asked anything' {
        $lines = Invoke-ChildPwsh -Script $Runbook -ArgumentList $env:RPL_TEST_MODULE, $Emulator.ConnectionFile

        $lines | Should -Contain 'created=runbook-cache'
        $lines | Should -Contain 'public=0'
        $lines | Should -Contain 'removed'
        (Invoke-EmulatorArm $Emulator $EndpointId -ApiVersion $ArmApiVersion.Network).Status | Should -Be 404
        (Invoke-EmulatorArm $Emulator $CacheId -ApiVersion $ArmApiVersion.Redis).Body.properties.publicNetworkAccess | Should -Be 'Disabled'
    }

    It 'stops a high-impact removal without -Force with ConfirmationRequired, before any write' {
        $null = Invoke-ChildPwsh -ArgumentList $env:RPL_TEST_MODULE, $Emulator.ConnectionFile -Script {
            param($module, $connectionFile)
            $ErrorActionPreference = 'Stop'
            Import-Module $module
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
            # Two endpoints, so the removal is not refused by the last-endpoint guard before it is asked about.
            foreach ($endpoint in 'runbook-cache-pe', 'runbook-cache-pe2') {
                $null = Get-RedisPrivateCache -ResourceGroupName rg-runbook -Name runbook-cache |
                    Add-RedisPrivateEndpoint -VirtualNetworkName vnet-runbook -SubnetName endpoints -Name $endpoint
            }
        }
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $lines = Invoke-ChildPwsh -Script $Runbook -ArgumentList $env:RPL_TEST_MODULE, $Emulator.ConnectionFile, -WithoutForce

        $lines | Should -Contain 'error=ConfirmationRequired,RedisPrivateLink.Commands.RemoveRedisPrivateEndpointCommand'
        ($lines | Where-Object { $_ -like 'message=*' }) | Should -BeLike '*cannot prompt*Add -Force*'
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
        (Invoke-EmulatorArm $Emulator $EndpointId -ApiVersion $ArmApiVersion.Network).Status | Should -Be 200
    }
}
