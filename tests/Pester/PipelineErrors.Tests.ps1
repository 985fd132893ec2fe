# The module's one rule for errors (about_RedisPrivateLink): bad parameters terminate; one failing piped input is a
# non-terminating error with its own id and target, and the inputs after it still run. A case per cmdlet that takes
# pipeline input: the first input fails, the second must still be processed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession
    $script:Sub = $Emulator.SubscriptionId
    $script:Cache = New-RedisPrivateCache -Name pipe-cache -ResourceGroupName rg-pipe -Location eastus -Sku Basic -Size C0 `
        -VirtualNetworkName vnet-pipe -AddressPrefix 10.95.0.0/16 -SubnetName endpoints -SubnetPrefix 10.95.1.0/24 -Confirm:$false
    $script:MissingCacheId = "/subscriptions/$Sub/resourceGroups/rg-pipe/providers/Microsoft.Cache/Redis/no-such-cache"
    $script:SubnetId = "/subscriptions/$Sub/resourceGroups/rg-pipe/providers/Microsoft.Network/virtualNetworks/vnet-pipe/subnets/endpoints"
    $script:MissingSubnetId = "/subscriptions/$Sub/resourceGroups/rg-pipe/providers/Microsoft.Network/virtualNetworks/vnet-pipe/subnets/no-such-subnet"

    $script:Commands = 'RedisPrivateLink.Commands'
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'One failing piped input does not stop the others' {
    It 'Get-RedisPrivateCache' {
        $output = @([pscustomobject]@{ Id = $MissingCacheId }, [pscustomobject]@{ Id = $Cache.Id } |
                Get-RedisPrivateCache -ErrorVariable failures -ErrorAction SilentlyContinue)
        $output.Name | Should -Be 'pipe-cache'
        $failures.FullyQualifiedErrorId | Should -Be "CacheNotFound,$Commands.GetRedisPrivateCacheCommand"
    }

    It 'Get-RedisPrivateEndpoint' {
        $output = @([pscustomobject]@{ CacheId = $MissingCacheId }, [pscustomobject]@{ CacheId = $Cache.Id } |
                Get-RedisPrivateEndpoint -ErrorVariable failures -ErrorAction SilentlyContinue)
        $output.Name | Should -Be 'pipe-cache-pe'
        $failures.FullyQualifiedErrorId | Should -Be "CacheNotFound,$Commands.GetRedisPrivateEndpointCommand"
        $failures.TargetObject | Should -Be $MissingCacheId
    }

    It 'Set-RedisPublicNetworkAccess' {
        $output = @([pscustomobject]@{ Id = $MissingCacheId }, [pscustomobject]@{ Id = $Cache.Id } |
                Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue)
        $output.Name | Should -Be 'pipe-cache'
        $failures.FullyQualifiedErrorId | Should -Be "CacheNotFound,$Commands.SetRedisPublicNetworkAccessCommand"
    }

    It 'Test-RedisPrivateConnectivity' {
        $output = @([pscustomobject]@{ Id = $MissingCacheId }, [pscustomobject]@{ Id = $Cache.Id } |
                Test-RedisPrivateConnectivity -Quiet -ErrorVariable failures -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 1   # the second cache's $true/$false
        $failures.FullyQualifiedErrorId | Should -Be "CacheNotFound,$Commands.TestRedisPrivateConnectivityCommand"
    }

    It 'Add-RedisPrivateEndpoint' {
        $output = @([pscustomobject]@{ Id = $MissingCacheId }, [pscustomobject]@{ Id = $Cache.Id } |
                Add-RedisPrivateEndpoint -SubnetId $SubnetId -Name pipe-cache-pe2 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue)
        $output.Name | Should -Be 'pipe-cache'
        $output.PrivateEndpoints.Name | Should -Contain 'pipe-cache-pe2'
        $failures.FullyQualifiedErrorId | Should -Be "CacheNotFound,$Commands.AddRedisPrivateEndpointCommand"
    }

    It 'Approve-RedisPrivateEndpointConnection' {
        $connection = (Get-RedisPrivateEndpoint -CacheId $Cache.Id | Where-Object Name -eq 'pipe-cache-pe').ConnectionName
        $output = @([pscustomobject]@{ CacheId = $Cache.Id; ConnectionName = 'no-such-connection' }, [pscustomobject]@{ CacheId = $Cache.Id; ConnectionName = $connection } |
                Approve-RedisPrivateEndpointConnection -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 1
        $failures.FullyQualifiedErrorId | Should -Be "PrivateEndpointConnectionNotFound,$Commands.ApproveRedisPrivateEndpointConnectionCommand"
    }

    It 'Deny-RedisPrivateEndpointConnection' {
        $connection = (Get-RedisPrivateEndpoint -CacheId $Cache.Id | Where-Object Name -eq 'pipe-cache-pe2').ConnectionName
        $output = @([pscustomobject]@{ CacheId = $Cache.Id; ConnectionName = 'no-such-connection' }, [pscustomobject]@{ CacheId = $Cache.Id; ConnectionName = $connection } |
                Deny-RedisPrivateEndpointConnection -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 1
        $failures.FullyQualifiedErrorId | Should -Be "PrivateEndpointConnectionNotFound,$Commands.DenyRedisPrivateEndpointConnectionCommand"
    }

    It 'Remove-RedisPrivateEndpoint' {
        $endpoint = "/subscriptions/$Sub/resourceGroups/rg-pipe/providers/Microsoft.Network/privateEndpoints/pipe-cache-pe2"
        $missing = "/subscriptions/$Sub/resourceGroups/rg-pipe/providers/Microsoft.Network/privateEndpoints/no-such-endpoint"
        $null = [pscustomobject]@{ Id = $missing }, [pscustomobject]@{ Id = $endpoint } |
            Remove-RedisPrivateEndpoint -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.FullyQualifiedErrorId | Should -Be "PrivateEndpointNotFound,$Commands.RemoveRedisPrivateEndpointCommand"
        (Invoke-EmulatorArm $Emulator $endpoint -ApiVersion $ArmApiVersion.Network).Status | Should -Be 404
    }

    It 'New-RedisPrivateCache' {
        $null = [pscustomobject]@{ Id = $MissingSubnetId }, [pscustomobject]@{ Id = $SubnetId } |
            New-RedisPrivateCache -Name pipe-cache-new -ResourceGroupName rg-pipe -Location eastus -Sku Basic -Size C0 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.FullyQualifiedErrorId | Should -Be "SubnetNotFound,$Commands.NewRedisPrivateCacheCommand"
        (Invoke-EmulatorArm $Emulator "/subscriptions/$Sub/resourceGroups/rg-pipe/providers/Microsoft.Cache/redis/pipe-cache-new" -ApiVersion $ArmApiVersion.Redis).Status | Should -Be 200
    }

    It 'Convert-VNetCacheToPrivateEndpoint' {
        # Two caches that do not exist: the second is still read, and refused on its own.
        $other = $MissingCacheId -replace 'no-such-cache$', 'no-such-cache-2'
        $null = [pscustomobject]@{ Id = $MissingCacheId }, [pscustomobject]@{ Id = $other } |
            Convert-VNetCacheToPrivateEndpoint -NewName pipe-converted -SubnetId $SubnetId -KeepSource -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures).Count | Should -Be 2
        $failures.FullyQualifiedErrorId | Should -Be (@("CacheNotFound,$Commands.ConvertVNetCacheToPrivateEndpointCommand") * 2)
        $failures.TargetObject | Should -Be @($MissingCacheId, $other)
    }
}

Describe 'Bad parameters terminate' {
    It 'stops the pipeline at the first input with a malformed id, before the next input runs' {
        $result = {
            [pscustomobject]@{ Id = 'not-an-id' }, [pscustomobject]@{ Id = $Cache.Id } | Get-RedisPrivateCache
        } | Should -Throw -PassThru
        $result.FullyQualifiedErrorId | Should -BeLike "*,$Commands.GetRedisPrivateCacheCommand"
    }
}
