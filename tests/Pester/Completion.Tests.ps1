# Tab completion of names, through the context: what TabExpansion2 (the prompt's Tab) offers.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $null = New-RedisPrivateCache -Name pester-complete -ResourceGroupName rg-complete -Location eastus -VirtualNetworkName vnet-91 `
        -AddressPrefix 10.91.0.0/16 -SubnetName endpoints -SubnetPrefix 10.91.1.0/24 -Confirm:$false
    $null = Invoke-EmulatorArm $Emulator "/subscriptions/$($Emulator.SubscriptionId)/resourceGroups/rg-other" -ApiVersion $ArmApiVersion.ResourceGroups -Method PUT -Body @{ location = 'eastus' }

    function script:Complete([string] $InputScript) {
        (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Argument completion' {
    It 'completes resource groups' {
        @(Complete 'Get-RedisPrivateCache -ResourceGroupName rg-') | Should -Be @('rg-complete', 'rg-other')
        @(Complete 'Get-RedisPrivateCache -ResourceGroupName rg-c') | Should -Be @('rg-complete')
    }

    It 'completes cache names within the resource group typed so far' {
        @(Complete 'Set-RedisPublicNetworkAccess -ResourceGroupName rg-complete -Name pest') | Should -Be @('pester-complete')
        @(Complete 'Set-RedisPublicNetworkAccess -ResourceGroupName rg-other -Name pest') | Should -BeNullOrEmpty
    }

    It 'completes virtual networks and their subnets' {
        @(Complete 'New-RedisPrivateCache -ResourceGroupName rg-complete -VirtualNetworkName vn') | Should -Be @('vnet-91')
        @(Complete 'New-RedisPrivateCache -ResourceGroupName rg-complete -VirtualNetworkName vnet-91 -SubnetName e') | Should -Be @('endpoints')
    }

    It 'completes locations without a request' {
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        @(Complete 'New-RedisPrivateCache -Location westeu') | Should -Be @('westeurope')
        Invoke-EmulatorControl $Emulator '/_emulator/requests' | Should -BeNullOrEmpty
    }

    It 'offers nothing, and no error, when not connected' {
        $context = Get-RedisPrivateLinkContext
        Disconnect-RedisPrivateLink
        try {
            $Error.Clear()
            Complete 'Get-RedisPrivateCache -ResourceGroupName rg-' | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
        }
        finally {
            $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile
        }
    }
}
