# The names Az users type: the cache as -CacheName where ours is -Name, the endpoint as -PrivateEndpointName, an Az
# subnet object for -Subnet, as New-AzPrivateEndpoint takes it, rows of Import-Csv, and Az's positional order (the
# resource group, then the name).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $null = New-RedisPrivateCache -CacheName az-cache -ResourceGroupName rg-az -Location eastus -Sku Basic -Size C0 `
        -VirtualNetworkName vnet-az -AddressPrefix 10.96.0.0/16 -SubnetName endpoints -SubnetPrefix 10.96.1.0/24 -Confirm:$false
    $script:SubnetId = "/subscriptions/$Sub/resourceGroups/rg-az/providers/Microsoft.Network/virtualNetworks/vnet-az/subnets/endpoints"
    # What Get-AzVirtualNetworkSubnetConfig writes: a PSSubnet, whose Id is the subnet's resource id.
    $script:AzSubnet = [pscustomobject]@{
        PSTypeName    = 'Microsoft.Azure.Commands.Network.Models.PSSubnet'
        Name          = 'endpoints'
        Id            = $SubnetId
        AddressPrefix = @('10.96.1.0/24')
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Az names' {
    It 'takes the cache as -CacheName where the parameter is -Name' {
        (Get-RedisPrivateCache -CacheName az-cache -ResourceGroupName rg-az).Name | Should -Be 'az-cache'
        (Set-RedisPublicNetworkAccess -CacheName az-cache -ResourceGroupName rg-az -PublicNetworkAccess Disabled -Confirm:$false).Name | Should -Be 'az-cache'
        @(Test-RedisPrivateConnectivity -CacheName az-cache -ResourceGroupName rg-az).Count | Should -BeGreaterThan 0
    }

    It 'takes an Az subnet object for -Subnet and the endpoint as -PrivateEndpointName' {
        $cache = Add-RedisPrivateEndpoint -CacheName az-cache -ResourceGroupName rg-az -Subnet $AzSubnet -PrivateEndpointName az-cache-pe2 -Confirm:$false

        $cache.PrivateEndpoints.Name | Should -Contain 'az-cache-pe2'
        $endpoint = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-az/providers/Microsoft.Network/privateEndpoints/az-cache-pe2" -ApiVersion $ArmApiVersion.Network
        $endpoint.Body.properties.subnet.id | Should -Be $SubnetId
        (Get-RedisPrivateEndpoint -PrivateEndpointName az-cache-pe2 -ResourceGroupName rg-az).Name | Should -Be 'az-cache-pe2'
    }

    It 'removes an endpoint named with -PrivateEndpointName' {
        Remove-RedisPrivateEndpoint -PrivateEndpointName az-cache-pe2 -ResourceGroupName rg-az -Force

        (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-az/providers/Microsoft.Network/privateEndpoints/az-cache-pe2" -ApiVersion $ArmApiVersion.Network).Status | Should -Be 404
    }

    It 'takes an Az subnet object for New-RedisPrivateCache -Subnet' {
        $null = New-RedisPrivateCache -Name az-cache-2 -ResourceGroupName rg-az -Location eastus -Sku Basic -Size C0 -Subnet $AzSubnet -Confirm:$false
        $created = Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-az/providers/Microsoft.Network/privateEndpoints/az-cache-2-pe" -ApiVersion $ArmApiVersion.Network
        $created.Body.properties.subnet.id | Should -Be $SubnetId
    }

    It 'binds rows of Import-Csv with Name and ResourceGroupName by property name' {
        $csv = Join-Path $TestDrive 'caches.csv'
        "Name,ResourceGroupName`naz-cache,rg-az`naz-cache-2,rg-az" | Set-Content $csv

        $changed = Import-Csv $csv | Set-RedisPublicNetworkAccess -PublicNetworkAccess Enabled -Confirm:$false -WarningAction SilentlyContinue

        $changed.Name | Should -Be @('az-cache', 'az-cache-2')
        foreach ($name in 'az-cache', 'az-cache-2') {
            (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-az/providers/Microsoft.Cache/redis/$name" -ApiVersion $ArmApiVersion.Redis).Body.properties.publicNetworkAccess | Should -Be 'Enabled'
        }
    }

    It 'takes the resource group first and the name second, as Az does, on every cache cmdlet' {
        (Get-RedisPrivateCache rg-az az-cache).Name | Should -Be 'az-cache'
        (Set-RedisPublicNetworkAccess rg-az az-cache -PublicNetworkAccess Disabled -Confirm:$false).Name | Should -Be 'az-cache'
        @(Test-RedisPrivateConnectivity rg-az az-cache).Count | Should -BeGreaterThan 0
        foreach ($command in 'New-RedisPrivateCache', 'Set-RedisPublicNetworkAccess', 'Test-RedisPrivateConnectivity', 'Remove-RedisPrivateEndpoint', 'Get-RedisPrivateCache', 'Get-RedisPrivateEndpoint') {
            $parameters = (Get-Command $command).Parameters
            $positionOf = { param($name) @($parameters[$name].ParameterSets.Values.Position | Where-Object { $_ -ge 0 })[0] }
            & $positionOf 'ResourceGroupName' | Should -Be 0 -Because "$command takes the resource group first"
            & $positionOf 'Name' | Should -Be 1 -Because "$command takes the name second"
        }
    }
}
