# Fleets over several subscriptions: Get-RedisPrivateCache and Get-RedisPrivateEndpoint -Subscription (ids, names,
# patterns, an unknown one), the SubscriptionId in their output, and Set-RedisPublicNetworkAccess on caches piped from
# three subscriptions, each on its own small write bucket (2 + 2/s here): the client learns each subscription's budget
# from ARM's answers, and a 429 it meets before it has learnt is waited out, never reaching the user.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    $script:Emulator = Start-TestSession -ExtraArgument '--writes', '2:2'
    $script:Main = $Emulator.SubscriptionId
    $script:Spoke1 = 'a1a1a1a1-0000-4000-8000-000000000001'
    $script:Spoke2 = 'a2a2a2a2-0000-4000-8000-000000000002'
    $null = Invoke-EmulatorControl $Emulator "/_emulator/subscriptions/$Spoke1" -Method PUT -Body @{ displayName = 'Pester Spoke 1' }
    $null = Invoke-EmulatorControl $Emulator "/_emulator/subscriptions/$Spoke2" -Method PUT -Body @{ displayName = 'Pester Spoke 2' }
    $script:MainName = (Invoke-EmulatorControl $Emulator '/_emulator/subscriptions' | Where-Object subscriptionId -eq $Main).displayName
    $script:GetCommand = 'RedisPrivateLink.Commands.GetRedisPrivateCacheCommand'

    # Arranging through ARM spends the same small write buckets: a refused write is sent again after its Retry-After.
    function script:Invoke-Arranged([string] $Path, [string] $ApiVersion, $Body) {
        while ($true) {
            $answer = Invoke-EmulatorArm $Emulator $Path -ApiVersion $ApiVersion -Method PUT -Body $Body
            if ($answer.Status -ne 429) { return $answer }
            Start-Sleep -Seconds 1
        }
    }

    # Three public caches in rg-fleet of each subscription, and one more in rg-home of the home subscription only.
    $script:Fleet = foreach ($subscription in $Main, $Spoke1, $Spoke2) {
        $null = Invoke-Arranged "/subscriptions/$subscription/resourceGroups/rg-fleet" -ApiVersion $ArmApiVersion.ResourceGroups -Body @{ location = 'eastus' }
        foreach ($n in 1..3) {
            $id = "/subscriptions/$subscription/resourceGroups/rg-fleet/providers/Microsoft.Cache/redis/pester-sub-$($subscription.Substring(0, 4))-$n"
            $null = Invoke-Arranged $id -ApiVersion $ArmApiVersion.Redis `
                -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } }
            $id
        }
    }
    $null = Invoke-Arranged "/subscriptions/$Main/resourceGroups/rg-home" -ApiVersion $ArmApiVersion.ResourceGroups -Body @{ location = 'eastus' }
    $script:MainOnly = "/subscriptions/$Main/resourceGroups/rg-home/providers/Microsoft.Cache/redis/pester-sub-home-only"
    $null = Invoke-Arranged $MainOnly -ApiVersion $ArmApiVersion.Redis `
        -Body @{ location = 'eastus'; properties = @{ sku = @{ name = 'Basic'; family = 'C'; capacity = 0 }; publicNetworkAccess = 'Enabled' } }
    foreach ($id in @($Fleet) + $MainOnly) { Wait-EmulatorProvisioned $Emulator $id -ApiVersion $ArmApiVersion.Redis }

    # One endpoint, to Spoke 2's first cache, made in that subscription through a context of its own.
    $spokeContext = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile -Subscription $Spoke2
    $null = Add-RedisPrivateEndpoint -Context $spokeContext -ResourceId $Fleet[6] -VirtualNetworkName vnet-spoke -AddressPrefix 10.42.0.0/16 `
        -SubnetName endpoints -SubnetPrefix 10.42.1.0/24 -Confirm:$false -WarningAction SilentlyContinue
    $null = Connect-RedisPrivateLink -EmulatorConnectionFile $Emulator.ConnectionFile

    function script:Get-ArmPublicAccess([string] $Id) {
        (Invoke-EmulatorArm $Emulator $Id -ApiVersion $ArmApiVersion.Redis).Body.properties.publicNetworkAccess
    }
}

AfterAll {
    Stop-TestSession $Emulator
}

Describe 'Get-RedisPrivateCache -Subscription' {
    It 'lists each subscription given by id, each cache carrying its SubscriptionId, grouped in the order given' {
        $caches = @(Get-RedisPrivateCache -Subscription $Spoke2, $Spoke1 -ResourceGroupName rg-fleet)

        $caches.Id | Should -Be @($Fleet[6..8] + $Fleet[3..5])
        $caches.SubscriptionId | Should -Be @(@($Spoke2) * 3 + @($Spoke1) * 3)
    }

    It 'takes display names and patterns, * being every subscription the context can see' {
        (Get-RedisPrivateCache -Subscription 'pester spoke 1').Id | Should -Be $Fleet[3..5]
        @(Get-RedisPrivateCache -Subscription 'Pester Spoke*' -ResourceGroupName rg-fleet).Id | Should -Be $Fleet[3..8]
        $all = @(Get-RedisPrivateCache -Subscription *)
        $all.Id | Sort-Object | Should -Be (@($Fleet) + $MainOnly | Sort-Object)
        $all.SubscriptionId | Sort-Object -Unique | Should -Be ($Main, $Spoke1, $Spoke2 | Sort-Object)
        # Named twice, listed once.
        @(Get-RedisPrivateCache -Subscription $MainName, $Main -ResourceGroupName rg-fleet).Id | Should -Be $Fleet[0..2]
    }

    It 'reports an unknown subscription as an error of its own and lists the others' {
        $caches = @(Get-RedisPrivateCache -Subscription 'No Such Subscription', $Spoke1 -ErrorAction SilentlyContinue -ErrorVariable errors)

        $caches.Id | Should -Be $Fleet[3..5]
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "SubscriptionNotFound,$GetCommand"
        $errors[0].TargetObject | Should -Be 'No Such Subscription'
        $errors[0].Exception.Message | Should -Match 'Pester Spoke 1'
    }

    It 'lists a resource group in the subscriptions that have it, and finds a name in each' {
        (Get-RedisPrivateCache -Subscription * -ResourceGroupName rg-home -ErrorAction Stop).Id | Should -Be $MainOnly
        (Get-RedisPrivateCache -Subscription * -ResourceGroupName rg-fleet -Name pester-sub-a2a2-2 -ErrorAction Stop).Id | Should -Be $Fleet[7]

        $null = Get-RedisPrivateCache -Subscription * -ResourceGroupName rg-none -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -Be "ResourceGroupNotFound,$GetCommand"
    }

    It 'keeps to the context''s subscription without -Subscription' {
        (Get-RedisPrivateCache -ResourceGroupName rg-fleet).Id | Should -Be $Fleet[0..2]
    }
}

Describe 'Get-RedisPrivateEndpoint -Subscription' {
    It 'lists the endpoints of each subscription with their SubscriptionId' {
        $endpoints = @(Get-RedisPrivateEndpoint -Subscription *)

        $endpoints.Count | Should -Be 1
        $endpoints[0].SubscriptionId | Should -Be $Spoke2
        $endpoints[0].CacheId | Should -Be $Fleet[6]
        @(Get-RedisPrivateEndpoint -Subscription $Main, 'Pester Spoke 1') | Should -BeNullOrEmpty
    }

    It 'reports an unknown subscription as an error of its own' {
        $endpoints = @(Get-RedisPrivateEndpoint -Subscription 'Pester Spoke 2', 'b0b0b0b0-0000-4000-8000-000000000000' -ErrorAction SilentlyContinue -ErrorVariable errors)

        $endpoints.Count | Should -Be 1
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'SubscriptionNotFound,RedisPrivateLink.Commands.GetRedisPrivateEndpointCommand'
    }
}

Describe 'Set-RedisPublicNetworkAccess on caches piped from several subscriptions' {
    It 'changes every cache in its own subscription, no 429 reaching the user, and a re-run writes nothing' {
        # Each subscription's write bucket (2 + 2/s) refills after the arrangement, as for a run that starts fresh.
        Start-Sleep -Seconds 2
        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE

        $caches = @(Get-RedisPrivateCache -Subscription * -ResourceGroupName rg-fleet |
                Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -Confirm:$false -WarningAction SilentlyContinue -ErrorVariable errors)
        $log = @(Invoke-EmulatorControl $Emulator '/_emulator/requests')

        $errors | Should -BeNullOrEmpty
        $caches.Id | Should -Be $Fleet
        $caches.PublicNetworkAccess | Sort-Object -Unique | Should -Be 'Disabled'
        foreach ($id in $Fleet) { Get-ArmPublicAccess $id | Should -Be 'Disabled' -Because $id }
        foreach ($subscription in $Main, $Spoke1, $Spoke2) {
            @($log | Where-Object { $_.method -eq 'PATCH' -and $_.status -eq 202 -and $_.path -like "/subscriptions/$subscription/*" }).Count | Should -Be 3 -Because $subscription
        }

        $null = Invoke-EmulatorControl $Emulator '/_emulator/requests' -Method DELETE
        $again = @(Get-RedisPrivateCache -Subscription * -ResourceGroupName rg-fleet |
                Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled -Force -Confirm:$false -WarningAction SilentlyContinue)
        $again.Id | Should -Be $Fleet
        Get-EmulatorWrite $Emulator | Should -BeNullOrEmpty
    }

    It 'reports a cache missing from another subscription as that input''s error, and changes the others' {
        $missing = "/subscriptions/$Spoke1/resourceGroups/rg-fleet/providers/Microsoft.Cache/redis/pester-sub-missing"

        $caches = @($Fleet[3], $missing, $Fleet[6] | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
                Set-RedisPublicNetworkAccess -PublicNetworkAccess Enabled -Confirm:$false -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable errors)

        $caches.Id | Should -Be @($Fleet[3], $Fleet[6])
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'CacheNotFound,RedisPrivateLink.Commands.SetRedisPublicNetworkAccessCommand'
        $errors[0].TargetObject | Should -Be $missing
        Get-ArmPublicAccess $Fleet[3] | Should -Be 'Enabled'
        Get-ArmPublicAccess $Fleet[6] | Should -Be 'Enabled'
    }
}
