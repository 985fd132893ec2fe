# Every help example of a cmdlet that changes Azure runs as a runbook would run it, in a fresh `pwsh -NonInteractive`,
# against a world where its names exist, and none of them may ask anything: a prompt there is an error
# (ConfirmationRequired, or PowerShell's "NonInteractive mode" for Read-Host and the like). Other errors are allowed,
# since one example's world is not every other's; the Remove- examples are checked to have done their work.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $ExampleCases = @(Get-WritingCommandExample $env:RPL_TEST_MODULE | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:Endpoints = "/subscriptions/$Sub/resourceGroups/rg-cache/providers/Microsoft.Network/privateEndpoints"

    $network = @{ VirtualNetworkName = 'vnet-app'; AddressPrefix = '10.10.0.0/16'; SubnetName = 'endpoints'; SubnetPrefix = '10.10.1.0/24' }
    $cache = New-RedisPrivateCache -Name contoso-cache -ResourceGroupName rg-cache -Location eastus -Sku Standard -Size C1 @network -Confirm:$false
    $null = $cache | Add-RedisPrivateEndpoint -Name contoso-cache-pe-old -VirtualNetworkName vnet-app -SubnetName endpoints -Confirm:$false
    $null = $cache | Add-RedisPrivateEndpoint -Name contoso-cache-pe-vnet-old -VirtualNetworkName vnet-old -AddressPrefix 10.30.0.0/16 `
        -SubnetName endpoints -SubnetPrefix 10.30.1.0/24 -Confirm:$false

    # The VNet-injected cache of Convert's examples, made as the portal made them.
    $legacyNetwork = "/subscriptions/$Sub/resourceGroups/rg-cache/providers/Microsoft.Network/virtualNetworks/vnet-legacy"
    $null = Invoke-EmulatorArm $Emulator $legacyNetwork -ApiVersion $ArmApiVersion.Network -Method PUT -Body @{
        location = 'eastus'; properties = @{ addressSpace = @{ addressPrefixes = @('10.0.0.0/16') }; subnets = @(@{ name = 'cache'; properties = @{ addressPrefix = '10.0.1.0/24' } }) }
    }
    Wait-EmulatorProvisioned $Emulator $legacyNetwork -ApiVersion $ArmApiVersion.Network
    $legacy = "/subscriptions/$Sub/resourceGroups/rg-cache/providers/Microsoft.Cache/redis/legacy-cache"
    $null = Invoke-EmulatorArm $Emulator $legacy -ApiVersion $ArmApiVersion.Redis -Method PUT -Body @{
        location = 'eastus'; properties = @{ sku = @{ name = 'Premium'; family = 'P'; capacity = 1 }; subnetId = "$legacyNetwork/subnets/cache" }
    }
    Wait-EmulatorProvisioned $Emulator $legacy -ApiVersion $ArmApiVersion.Redis

    $script:Examples = Get-WritingCommandExample $env:RPL_TEST_MODULE
    # What the examples take as given: Az's cmdlets (stand-ins with Az's shapes), a vault, and the variables they name.
    $preamble = {
        param($examplesJson, $module, $connectionFile, $sub)
        Import-Module $module
        $null = Connect-RedisPrivateLink -EmulatorConnectionFile $connectionFile
        function Get-AzPrivateEndpoint($ResourceGroupName, $Name) {
            [pscustomobject]@{ Id = "/subscriptions/$sub/resourceGroups/$ResourceGroupName/providers/Microsoft.Network/privateEndpoints/$Name"; Name = $Name; ResourceGroupName = $ResourceGroupName }
        }
        function Get-AzVirtualNetwork($Name, $ResourceGroupName) {
            [pscustomobject]@{ Id = "/subscriptions/$sub/resourceGroups/$ResourceGroupName/providers/Microsoft.Network/virtualNetworks/$Name"; Name = $Name }
        }
        function Get-AzVirtualNetworkSubnetConfig([Parameter(ValueFromPipeline)] $VirtualNetwork, $Name) {
            process { [pscustomobject]@{ Id = "$($VirtualNetwork.Id)/subnets/$Name"; Name = $Name } }
        }
        function Get-Secret($Name) {
            ConvertTo-SecureString 'https://examplesa.blob.core.windows.net/migration?sv=2024-11-04&sr=c&sp=rwl&sig=ExampleSignature' -AsPlainText -Force
        }
        $subnetId = "/subscriptions/$sub/resourceGroups/rg-cache/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/endpoints"
        $subnet = [pscustomobject]@{ Id = $subnetId; Name = 'endpoints' }
        $cacheId = "/subscriptions/$sub/resourceGroups/rg-cache/providers/Microsoft.Cache/Redis/contoso-cache"
        $cache = [pscustomobject]@{ Id = $cacheId; Name = 'contoso-cache'; ResourceGroupName = 'rg-cache' }
        $vnet = [pscustomobject]@{ Id = "/subscriptions/$sub/resourceGroups/rg-cache/providers/Microsoft.Network/virtualNetworks/vnet-app" }
    }.ToString()

    # One child session runs every example in turn and reports each error it met as 'example|error id|message'.
    $runner = $preamble + @'

        foreach ($example in ($examplesJson | ConvertFrom-Json)) {
            $Error.Clear()
            try { & ([scriptblock]::Create($example.Code)) *> $null } catch { }
            foreach ($record in $Error) {
                $id = if ($record -is [System.Management.Automation.ErrorRecord]) { $record.FullyQualifiedErrorId } else { $record.GetType().Name }
                $message = if ($record -is [System.Management.Automation.ErrorRecord]) { $record.Exception.Message } else { "$record" }
                "$($example.Name)|$id|$($message -replace '\s+', ' ')"
            }
            "$($example.Name)|done"
        }
'@
    $script:Report = Invoke-ChildPwsh -Script ([scriptblock]::Create($runner)) `
        -ArgumentList ($Examples | ConvertTo-Json -Compress -AsArray), $env:RPL_TEST_MODULE, $Emulator.ConnectionFile, $Sub
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Help examples under pwsh -NonInteractive' {
    It 'finds the examples of every cmdlet that writes to Azure' {
        @($Examples).Count | Should -BeGreaterThan 20
        foreach ($command in 'New-RedisPrivateCache', 'Add-RedisPrivateEndpoint', 'Set-RedisPublicNetworkAccess', 'Remove-RedisPrivateEndpoint',
            'Approve-RedisPrivateEndpointConnection', 'Deny-RedisPrivateEndpointConnection', 'Convert-VNetCacheToPrivateEndpoint') {
            $Examples.Name | Should -Contain "$command example 1"
        }
    }

    It '<Name> runs to its end without asking anything' -ForEach $ExampleCases {
        $Report | Should -Contain "$Name|done"
        $prompts = $Report | Where-Object { $_ -like "$Name|*" -and ($_ -match '\|ConfirmationRequired,' -or $_ -match 'NonInteractive mode|Read and Prompt') }
        $prompts | Should -BeNullOrEmpty
    }

    It 'removed the endpoints the Remove-RedisPrivateEndpoint examples name, without being asked' {
        foreach ($endpoint in 'contoso-cache-pe-vnet-old', 'contoso-cache-pe-old', 'contoso-cache-pe') {
            (Invoke-EmulatorArm $Emulator "$Endpoints/$endpoint" -ApiVersion $ArmApiVersion.Network).Status | Should -Be 404 -Because "an example removes $endpoint"
        }
    }
}
