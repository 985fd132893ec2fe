# Help is MAML in en-US/; these tests keep it in step with the cmdlets.
BeforeDiscovery {
    Import-Module $env:RPL_TEST_MODULE
    $script:Cmdlets = Get-Command -Module RedisPrivateLink -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    Import-Module $env:RPL_TEST_MODULE
    # Get-Help sums these up as [<CommonParameters>]; -WhatIf and -Confirm are documented like the cmdlet's own.
    $script:CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters

    # What help must say about a parameter, worked out here from Get-Command independently of
    # tools/Update-HelpMetadata.ps1: over all its parameter sets, required only when every set requires it.
    function script:Get-ExpectedParameterHelp([System.Management.Automation.ParameterMetadata] $Parameter) {
        $sets = @($Parameter.ParameterSets.Values)
        $position = @($sets.Position | Select-Object -Unique)
        $byPropertyName = @($sets | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
        $byValue = @($sets | Where-Object ValueFromPipeline).Count -gt 0
        [ordered]@{
            required      = "$(@($sets | Where-Object IsMandatory).Count -eq $sets.Count)".ToLowerInvariant()
            position      = if ($position.Count -eq 1 -and $position[0] -ge 0) { "$($position[0])" } else { 'named' }
            pipelineInput = switch ($true) {
                ($byPropertyName -and $byValue) { 'True (ByPropertyName, ByValue)'; break }
                $byPropertyName { 'True (ByPropertyName)'; break }
                $byValue { 'True (ByValue)'; break }
                default { 'False' }
            }
            aliases       = if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }
            globbing      = "$(@($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0)".ToLowerInvariant()
        }
    }
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

    It 'states each parameter''s required, position, pipeline input, aliases and wildcards as the cmdlet declares them' {
        foreach ($parameter in $ParameterNames) {
            $help = Get-Help $Name -Parameter $parameter
            $expected = Get-ExpectedParameterHelp $Command.Parameters[$parameter]
            foreach ($field in $expected.Keys) {
                $help.$field | Should -BeExactly $expected[$field] -Because "Get-Help $Name -Parameter $parameter must show the cmdlet's $field"
            }
        }
    }

    It 'has one syntax line per parameter set, with its parameters as required, positional and valued as in the set' {
        $syntaxItems = @($Help.syntax.syntaxItem)
        $syntaxItems.Count | Should -Be $Command.ParameterSets.Count
        for ($index = 0; $index -lt $syntaxItems.Count; $index++) {
            $set = $Command.ParameterSets[$index]
            $inSet = @($set.Parameters | Where-Object Name -NotIn $CommonParameters)
            $shown = @($syntaxItems[$index].parameter | Where-Object { $_ })
            @($shown.name | Sort-Object) | Should -Be @($inSet.Name | Sort-Object) -Because "syntax line $($index + 1) is the set $($set.Name)"
            foreach ($parameter in $inSet) {
                $line = $shown | Where-Object name -EQ $parameter.Name
                $because = "-$($parameter.Name) in the set $($set.Name)"
                $line.required | Should -BeExactly "$($parameter.IsMandatory)".ToLowerInvariant() -Because $because
                $line.position | Should -BeExactly $(if ($parameter.Position -ge 0) { "$($parameter.Position)" } else { 'named' }) -Because $because
                if ($parameter.ParameterType -eq [switch]) {
                    $line.parameterValue | Should -BeNullOrEmpty -Because "$because is a switch, which takes no value"
                }
                $validateSet = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
                if ($validateSet) {
                    @($line.parameterValueGroup.parameterValue) | Should -Be @($validateSet.ValidValues) -Because $because
                }
            }
        }
    }

    It 'names its output type' {
        ($Help.returnValues.returnValue.type.name -join '') | Should -Not -BeNullOrEmpty
    }
}

Describe 'tools/Update-HelpMetadata.ps1' {
    BeforeAll {
        $script:ModuleHelp = Join-Path $env:RPL_TEST_MODULE 'en-US/RedisPrivateLink.dll-Help.xml'
        $script:Maml = @{ command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'; maml = 'http://schemas.microsoft.com/maml/2004/10' }

        # Runs the script in a fresh PowerShell, as build.ps1 does, on a copy of the module's help.
        function script:Invoke-HelpMetadata([string] $HelpPath, [switch] $Check) {
            $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot '../../tools/Update-HelpMetadata.ps1'),
                '-ModulePath', $env:RPL_TEST_MODULE, '-HelpPath', $HelpPath)
            if ($Check) { $arguments += '-Check' }
            $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') @arguments *>&1 | ForEach-Object { "$_" }
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output -join "`n" }
        }

        # A copy of the module's help with the given XPath nodes changed by $Edit.
        function script:New-EditedHelp([string] $XPath, [scriptblock] $Edit) {
            $document = [xml]::new()
            $document.Load($ModuleHelp)
            $namespaces = [System.Xml.XmlNamespaceManager]::new($document.NameTable)
            foreach ($prefix in $Maml.Keys) { $namespaces.AddNamespace($prefix, $Maml[$prefix]) }
            $nodes = @($document.SelectNodes($XPath, $namespaces))
            $nodes.Count | Should -BeGreaterThan 0 -Because "the test edits $XPath"
            foreach ($node in $nodes) { & $Edit $node }
            $path = Join-Path $TestDrive "edited-$([guid]::NewGuid().ToString('n')).xml"
            $document.Save($path)
            $path
        }

        function script:Get-CommandXPath([string] $Name) { "//command:command[command:details/command:name='$Name']" }
    }

    It 'passes the module''s own help' {
        $copy = Join-Path $TestDrive 'unchanged.xml'
        Copy-Item $ModuleHelp $copy
        $result = Invoke-HelpMetadata $copy -Check
        $result.Output | Should -Match 'matches the cmdlets'
        $result.ExitCode | Should -Be 0
    }

    It 'fails on help whose metadata has drifted from the cmdlets, naming each difference' {
        $parameter = "$(Get-CommandXPath New-RedisPrivateCache)/command:parameters/command:parameter[maml:name='Name']"
        $copy = New-EditedHelp $parameter { param($node) $node.SetAttribute('required', 'false'); $node.SetAttribute('position', 'named') }
        $result = Invoke-HelpMetadata $copy -Check
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match 'New-RedisPrivateCache -Name, required:\s+help:\s+false\s+cmdlet: true'
        $result.Output | Should -Match 'New-RedisPrivateCache -Name, position:\s+help:\s+named\s+cmdlet: 1'
    }

    It 'fails on a missing alias' {
        $copy = New-EditedHelp "$(Get-CommandXPath Get-RedisPrivateCache)/command:parameters/command:parameter[maml:name='ResourceId']" {
            param($node) $node.SetAttribute('aliases', 'none')
        }
        $result = Invoke-HelpMetadata $copy -Check
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match 'Get-RedisPrivateCache -ResourceId, aliases:\s+help:\s+none\s+cmdlet: Id, CacheId'
    }

    It 'fails on a missing syntax line' {
        $copy = New-EditedHelp "$(Get-CommandXPath Get-RedisPrivateCache)/command:syntax/command:syntaxItem[last()]" {
            param($node) $null = $node.ParentNode.RemoveChild($node)
        }
        $result = Invoke-HelpMetadata $copy -Check
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match 'Get-RedisPrivateCache syntax 3: missing from the help'
    }

    It 'fails on a cmdlet without help' {
        $copy = New-EditedHelp (Get-CommandXPath Get-RedisPrivateLinkContext) { param($node) $null = $node.ParentNode.RemoveChild($node) }
        $result = Invoke-HelpMetadata $copy -Check
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match 'Get-RedisPrivateLinkContext has no help'
    }

    It 'fails naming a parameter whose description is missing' {
        $copy = New-EditedHelp "$(Get-CommandXPath Set-RedisPublicNetworkAccess)/command:parameters/command:parameter[maml:name='Force']/maml:description" {
            param($node) $node.RemoveAll()
        }
        $result = Invoke-HelpMetadata $copy -Check
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match 'Set-RedisPublicNetworkAccess -Force has no description'
    }

    It 'rewrites drifted metadata back to the module''s help byte for byte, keeping every description' {
        $copy = New-EditedHelp "//command:parameter" {
            param($node) $node.SetAttribute('required', 'false'); $node.SetAttribute('aliases', 'none'); $node.SetAttribute('position', 'named')
        }
        $result = Invoke-HelpMetadata $copy
        $result.ExitCode | Should -Be 0
        Get-Content -Raw $copy | Should -BeExactly (Get-Content -Raw $ModuleHelp)
    }

    It 'rewrites help for a cmdlet that has none as an entry with empty text, which the check then names' {
        $copy = New-EditedHelp (Get-CommandXPath Disconnect-RedisPrivateLink) { param($node) $null = $node.ParentNode.RemoveChild($node) }
        $rewrite = Invoke-HelpMetadata $copy
        $rewrite.ExitCode | Should -Be 0
        $rewrite.Output | Should -Match 'help for Disconnect-RedisPrivateLink was added'
        $check = Invoke-HelpMetadata $copy -Check
        $check.ExitCode | Should -Be 1
        $check.Output | Should -Match 'Disconnect-RedisPrivateLink has no synopsis'
        $check.Output | Should -Match 'Disconnect-RedisPrivateLink has no description'
        $check.Output | Should -Match 'Disconnect-RedisPrivateLink -Context has no description'
        ([xml](Get-Content -Raw $copy)).helpItems.command.details.name | Should -Contain 'Disconnect-RedisPrivateLink'
    }
}

Describe 'about_RedisPrivateLink' {
    It 'is found by Get-Help' {
        $about = Get-Help about_RedisPrivateLink
        "$about" | Should -Match 'THE LOCAL ARM EMULATOR'
    }
}
