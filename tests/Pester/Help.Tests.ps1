# Help is MAML in en-US/; these tests keep it in step with the cmdlets.
BeforeDiscovery {
    Import-Module $env:RPL_TEST_MODULE
    $script:Cmdlets = Get-Command -Module RedisPrivateLink -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    Import-Module $env:RPL_TEST_MODULE
    $script:CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters +
        [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
        $script:ParameterNames = $Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters }
    }

    It 'has a synopsis and a description' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -BeLike "*$Name *[<CommonParameters>]*"
        ($Help.Description.Text -join '') | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($Help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        foreach ($parameter in $ParameterNames) {
            $described = $Help.Parameters.Parameter | Where-Object Name -eq $parameter
            ($described.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
        }
    }

    It 'names no parameter the cmdlet does not have' {
        foreach ($parameter in @($Help.Parameters.Parameter.Name | Where-Object { $_ })) {
            $ParameterNames | Should -Contain $parameter
        }
    }

    It 'names its output type' {
        ($Help.returnValues.returnValue.type.name -join '') | Should -Not -BeNullOrEmpty
    }
}

Describe 'about_RedisPrivateLink' {
    It 'is found by Get-Help' {
        $about = Get-Help about_RedisPrivateLink
        "$about" | Should -Match 'THE LOCAL ARM EMULATOR'
    }
}
