<#
.SYNOPSIS
    Writes the cmdlets' parameter metadata into the MAML help, or checks that the help already holds it.
.DESCRIPTION
    The MAML help has two kinds of content. Synopses, descriptions, parameter descriptions and default values, input
    and output types, notes, examples and links are written by hand. What PowerShell itself knows about each parameter
    (parameter sets, required, position, pipeline input, aliases, accepted values, wildcards, type) is taken from the
    built module as Get-Command reports it, so the help cannot disagree with the cmdlets.

    Without -Check, each cmdlet's syntax and parameters sections are rewritten from Get-Command, keeping the
    hand-written parameter descriptions and default values. A parameter new to the help gets an empty description, and
    a cmdlet new to the help an entry with empty synopsis and description, for a person to write; help for a cmdlet the
    module no longer has is removed. The script warns about each of these.

    With -Check, nothing is written. The script fails, naming every difference, when the rewrite would change the file,
    or when a cmdlet has no synopsis or description or one of its parameters has no description.

    Run it in a fresh PowerShell: it imports the module from -ModulePath.
.EXAMPLE
    dotnet pwsh ./tools/Update-HelpMetadata.ps1 -ModulePath ./out/RedisPrivateLink -HelpPath ./en-US/RedisPrivateLink.dll-Help.xml -Check
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpPath,
    [switch] $Check
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Namespaces = [ordered]@{
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

# Get-Help sums these up as [<CommonParameters>]. -WhatIf and -Confirm are listed like any other parameter, as in
# PowerShell's own help.
$CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters

# PowerShell's own wording for its risk-mitigation parameters, so that a cmdlet gaining SupportsShouldProcess needs no
# new text.
$StandardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Read-HelpDocument([string] $Path) {
    $document = [System.Xml.XmlDocument]::new()
    $document.Load($Path)
    $namespaceManager = [System.Xml.XmlNamespaceManager]::new($document.NameTable)
    foreach ($prefix in $Namespaces.Keys) { $namespaceManager.AddNamespace($prefix, $Namespaces[$prefix]) }
    [pscustomobject]@{ Document = $document; Namespaces = $namespaceManager }
}

# The file exactly as this script writes it: two-space indents, LF line ends, UTF-8 without a byte order mark.
function ConvertTo-HelpText([System.Xml.XmlDocument] $Document) {
    $settings = [System.Xml.XmlWriterSettings]@{
        Indent       = $true
        IndentChars  = '  '
        NewLineChars = "`n"
        Encoding     = [System.Text.UTF8Encoding]::new($false)
    }
    $stream = [System.IO.MemoryStream]::new()
    $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
    $Document.Save($writer)
    $writer.Dispose()
    [System.Text.Encoding]::UTF8.GetString($stream.ToArray()) + "`n"
}

function New-Element([string] $QualifiedName, [string] $Text) {
    $prefix, $localName = $QualifiedName.Split(':')
    $element = $Help.Document.CreateElement($prefix, $localName, $Namespaces[$prefix])
    if ($PSBoundParameters.ContainsKey('Text')) { $element.InnerText = $Text }
    # An XmlElement enumerates its children: the comma keeps PowerShell from unrolling it.
    , $element
}

function Add-Child([System.Xml.XmlNode] $Parent, [System.Xml.XmlNode] $Child) {
    $null = $Parent.AppendChild($Child)
}

function Get-TypeDisplayName([type] $Type) {
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return Get-TypeDisplayName $underlying }
    $Type.Name
}

function Get-AcceptedValues([type] $Type, $Attributes) {
    $validateSet = @($Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
    if ($validateSet) { return $validateSet[0].ValidValues }
    $elementType = if ($Type.IsArray) { $Type.GetElementType() } else { $Type }
    $elementType = [Nullable]::GetUnderlyingType($elementType) ?? $elementType
    if ($elementType.IsEnum) { return [enum]::GetNames($elementType) }
}

function Get-PipelineInputText([bool] $ByValue, [bool] $ByPropertyName) {
    $ways = @(
        if ($ByPropertyName) { 'ByPropertyName' }
        if ($ByValue) { 'ByValue' }
    )
    if ($ways.Count -eq 0) { return 'False' }
    "True ($($ways -join ', '))"
}

function Get-PositionText([int] $Position) {
    if ($Position -eq [int]::MinValue) { return 'named' }
    "$Position"
}

# What help shows about one parameter, from Get-Command. In a syntax item that is the parameter in that parameter
# set; in the parameters section it is the parameter over all its sets: required only when every set requires it,
# taking pipeline input when any set does.
function Get-ParameterFacts {
    param(
        [Parameter(Mandatory)] [string] $CommandName,
        [Parameter(Mandatory)] [System.Management.Automation.ParameterMetadata] $Metadata,
        [System.Management.Automation.CommandParameterInfo] $InParameterSet
    )
    if ($InParameterSet) {
        $required = $InParameterSet.IsMandatory
        $position = Get-PositionText $InParameterSet.Position
        $pipelineInput = Get-PipelineInputText $InParameterSet.ValueFromPipeline $InParameterSet.ValueFromPipelineByPropertyName
    }
    else {
        $sets = @($Metadata.ParameterSets.Values)
        $required = @($sets | Where-Object { -not $_.IsMandatory }).Count -eq 0
        $positions = @($sets | ForEach-Object { Get-PositionText $_.Position } | Select-Object -Unique)
        if ($positions.Count -gt 1) {
            throw "$CommandName -$($Metadata.Name) has the positions $($positions -join ', ') in different parameter sets; the help's parameters section can show only one."
        }
        $position = $positions[0]
        $pipelineInput = Get-PipelineInputText (@($sets | Where-Object ValueFromPipeline).Count -gt 0) (@($sets | Where-Object ValueFromPipelineByPropertyName).Count -gt 0)
    }
    [pscustomobject]@{
        Name           = $Metadata.Name
        TypeName       = Get-TypeDisplayName $Metadata.ParameterType
        IsSwitch       = $Metadata.SwitchParameter
        Required       = $required
        Position       = $position
        PipelineInput  = $pipelineInput
        Aliases        = if ($Metadata.Aliases.Count) { $Metadata.Aliases -join ', ' } else { 'none' }
        Globbing       = @($Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
        AcceptedValues = @(Get-AcceptedValues $Metadata.ParameterType $Metadata.Attributes)
    }
}

# A syntax item shows a switch bare (-Force) and a value as <Type> or {one | of | these}; the parameters section shows
# every parameter's type, a switch's as [<SwitchParameter>] since it takes no value.
function New-ParameterElement {
    param(
        [Parameter(Mandatory)] $Facts,
        [System.Xml.XmlElement] $Description,
        [string] $DefaultValue,
        [switch] $InSyntax
    )
    $element = New-Element 'command:parameter'
    $element.SetAttribute('required', $Facts.Required.ToString().ToLowerInvariant())
    $element.SetAttribute('variableLength', 'true')
    $element.SetAttribute('globbing', $Facts.Globbing.ToString().ToLowerInvariant())
    $element.SetAttribute('pipelineInput', $Facts.PipelineInput)
    $element.SetAttribute('position', $Facts.Position)
    $element.SetAttribute('aliases', $Facts.Aliases)
    Add-Child $element (New-Element 'maml:name' $Facts.Name)
    if ($Description) { Add-Child $element $Description }
    if ($InSyntax -and $Facts.AcceptedValues.Count) {
        $group = New-Element 'command:parameterValueGroup'
        foreach ($value in $Facts.AcceptedValues) {
            $accepted = New-Element 'command:parameterValue' $value
            $accepted.SetAttribute('required', 'false')
            # Namespaced, as platyPS writes it: the attribute belongs to the command schema here.
            $null = $accepted.SetAttribute('variableLength', $Namespaces.command, 'false')
            Add-Child $group $accepted
        }
        Add-Child $element $group
    }
    if (-not ($InSyntax -and $Facts.IsSwitch)) {
        $value = New-Element 'command:parameterValue' $Facts.TypeName
        $value.SetAttribute('required', (-not $Facts.IsSwitch).ToString().ToLowerInvariant())
        $value.SetAttribute('variableLength', 'false')
        Add-Child $element $value
    }
    $type = New-Element 'dev:type'
    Add-Child $type (New-Element 'maml:name' $Facts.TypeName)
    Add-Child $type (New-Element 'maml:uri')
    Add-Child $element $type
    if (-not $InSyntax) { Add-Child $element (New-Element 'dev:defaultValue' $DefaultValue) }
    , $element
}

# One syntax line per parameter set, in Get-Command's order: positional parameters by position, then the required
# named ones, then the rest.
function New-SyntaxElement([System.Management.Automation.CommandInfo] $Command) {
    $syntax = New-Element 'command:syntax'
    foreach ($parameterSet in $Command.ParameterSets) {
        $item = New-Element 'command:syntaxItem'
        Add-Child $item (New-Element 'maml:name' $Command.Name)
        $shown = @($parameterSet.Parameters | Where-Object Name -NotIn $CommonParameters)
        $ordered = @($shown | Where-Object Position -GE 0 | Sort-Object Position) +
            @($shown | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) +
            @($shown | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
        foreach ($parameter in $ordered) {
            $facts = Get-ParameterFacts $Command.Name $Command.Parameters[$parameter.Name] -InParameterSet $parameter
            Add-Child $item (New-ParameterElement $facts -InSyntax)
        }
        Add-Child $syntax $item
    }
    , $syntax
}

# The parameters section in ordinal name order, as PowerShell's own generated help lists it, with the hand-written
# description and default value of each parameter the help already had. They are read from the parameters section,
# or from a syntax item for a parameter described only there, as hand-written help may have it.
function New-ParametersElement([System.Management.Automation.CommandInfo] $Command, [System.Xml.XmlElement] $OldHelp) {
    $written = @{}
    $described = 'command:parameters/command:parameter | command:syntax/command:syntaxItem/command:parameter[maml:description]'
    foreach ($old in $OldHelp.SelectNodes($described, $Help.Namespaces)) {
        $name = $old.SelectSingleNode('maml:name', $Help.Namespaces).InnerText.Trim()
        if ($old.ParentNode.LocalName -eq 'parameters' -or -not $written.ContainsKey($name)) { $written[$name] = $old }
    }
    $parameters = New-Element 'command:parameters'
    $names = [string[]] @($Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters })
    [array]::Sort($names, [System.StringComparer]::Ordinal)
    foreach ($name in $names) {
        $facts = Get-ParameterFacts $Command.Name $Command.Parameters[$name]
        $old = $written[$name]
        $description = if ($old) { $old.SelectSingleNode('maml:description', $Help.Namespaces) }
        $defaultValue = if ($old) { $old.SelectSingleNode('dev:defaultValue', $Help.Namespaces) }
        if ($description) {
            $description = $description.CloneNode($true)
        }
        else {
            $description = New-Element 'maml:description'
            Add-Child $description (New-Element 'maml:para' $StandardDescriptions[$name])
        }
        $defaultText = if ($defaultValue) { $defaultValue.InnerText } elseif ($facts.IsSwitch) { 'False' } else { 'None' }
        Add-Child $parameters (New-ParameterElement $facts -Description $description -DefaultValue $defaultText)
    }
    , $parameters
}

function New-CommandElement([System.Management.Automation.CommandInfo] $Command) {
    $element = New-Element 'command:command'
    $details = New-Element 'command:details'
    Add-Child $details (New-Element 'command:name' $Command.Name)
    Add-Child $details (New-Element 'command:verb' $Command.Verb)
    Add-Child $details (New-Element 'command:noun' $Command.Noun)
    $synopsis = New-Element 'maml:description'
    Add-Child $synopsis (New-Element 'maml:para' '')
    Add-Child $details $synopsis
    Add-Child $element $details
    $description = New-Element 'maml:description'
    Add-Child $description (New-Element 'maml:para' '')
    Add-Child $element $description
    , $element
}

function Set-Section([System.Xml.XmlElement] $CommandElement, [System.Xml.XmlElement] $Section, [string] $After) {
    $old = $CommandElement.SelectSingleNode($Section.Name, $Help.Namespaces)
    if ($old) {
        $null = $CommandElement.ReplaceChild($Section, $old)
    }
    else {
        $null = $CommandElement.InsertAfter($Section, $CommandElement.SelectSingleNode($After, $Help.Namespaces))
    }
}

function Get-CommandName([System.Xml.XmlElement] $CommandElement) {
    $CommandElement.SelectSingleNode('command:details/command:name', $Help.Namespaces).InnerText.Trim()
}

# Brings $Help.Document in line with the module's cmdlets; returns what a person still has to do or know.
function Update-HelpDocument([System.Management.Automation.CommandInfo[]] $Commands) {
    $root = $Help.Document.DocumentElement
    $elements = @{}
    foreach ($element in @($root.SelectNodes('command:command', $Help.Namespaces))) {
        $name = Get-CommandName $element
        if ($Commands.Name -notcontains $name) {
            $null = $root.RemoveChild($element)
            "help for $name, which the module does not have, was removed"
            continue
        }
        $elements[$name] = $element
    }
    foreach ($command in $Commands) {
        $element = $elements[$command.Name]
        if (-not $element) {
            $element = New-CommandElement $command
            Add-Child $root $element
            "help for $($command.Name) was added"
        }
        # Read before the syntax is replaced: a description may be written only there.
        $parameters = New-ParametersElement $command $element
        Set-Section $element (New-SyntaxElement $command) -After 'maml:description'
        Set-Section $element $parameters -After 'command:syntax'
    }
}

function Format-ParameterValue([System.Xml.XmlElement] $Parameter, [switch] $InSyntax) {
    $accepted = @($Parameter.SelectNodes('command:parameterValueGroup/command:parameterValue', $Help.Namespaces) | ForEach-Object InnerText)
    if ($InSyntax -and $accepted.Count) { return "{$($accepted -join ' | ')}" }
    $value = $Parameter.SelectSingleNode('command:parameterValue', $Help.Namespaces)
    if (-not $value) { return '' }
    if ($value.GetAttribute('required') -eq 'true') { "<$($value.InnerText)>" } else { "[<$($value.InnerText)>]" }
}

# A syntax item as Get-Help shows it.
function Format-SyntaxItem([System.Xml.XmlElement] $Item) {
    $parts = foreach ($parameter in $Item.SelectNodes('command:parameter', $Help.Namespaces)) {
        $name = '-' + $parameter.SelectSingleNode('maml:name', $Help.Namespaces).InnerText
        if ($parameter.GetAttribute('position') -ne 'named') { $name = "[$name]" }
        $text = "$name $(Format-ParameterValue $parameter -InSyntax)".TrimEnd()
        if ($parameter.GetAttribute('required') -ne 'true') { $text = "[$text]" }
        $text
    }
    (@($Item.SelectSingleNode('maml:name', $Help.Namespaces).InnerText) + @($parts)) -join ' '
}

# What the help says about a command's parameters, keyed by syntax line and parameter, to compare field by field.
function Read-CommandMetadata([System.Xml.XmlElement] $CommandElement) {
    $metadata = [ordered]@{}
    $index = 0
    foreach ($item in $CommandElement.SelectNodes('command:syntax/command:syntaxItem', $Help.Namespaces)) {
        $index++
        $metadata["syntax $index"] = [ordered]@{ syntax = Format-SyntaxItem $item }
    }
    foreach ($parameter in $CommandElement.SelectNodes('command:parameters/command:parameter', $Help.Namespaces)) {
        $type = $parameter.SelectSingleNode('dev:type/maml:name', $Help.Namespaces)
        $metadata['-' + $parameter.SelectSingleNode('maml:name', $Help.Namespaces).InnerText] = [ordered]@{
            'required'       = $parameter.GetAttribute('required')
            'position'       = $parameter.GetAttribute('position')
            'pipeline input' = $parameter.GetAttribute('pipelineInput')
            'aliases'        = $parameter.GetAttribute('aliases')
            'wildcards'      = $parameter.GetAttribute('globbing')
            'type'           = if ($type) { $type.InnerText } else { '' }
            'value'          = Format-ParameterValue $parameter
        }
    }
    $metadata
}

function Compare-CommandMetadata([string] $CommandName, $InHelp, $InCmdlet) {
    foreach ($key in @($InCmdlet.Keys) + @($InHelp.Keys | Where-Object { -not $InCmdlet.Contains($_) })) {
        if (-not $InHelp.Contains($key)) { "$CommandName ${key}: missing from the help"; continue }
        if (-not $InCmdlet.Contains($key)) { "$CommandName ${key}: in the help, not in the cmdlet"; continue }
        foreach ($field in $InCmdlet[$key].Keys) {
            if ($InHelp[$key][$field] -cne $InCmdlet[$key][$field]) {
                "$CommandName ${key}, ${field}:`n      help:   $($InHelp[$key][$field])`n      cmdlet: $($InCmdlet[$key][$field])"
            }
        }
    }
}

function Test-HasText([System.Xml.XmlNode] $Node) {
    $Node -and $Node.InnerText.Trim()
}

function Find-MissingText([System.Xml.XmlElement] $CommandElement) {
    $name = Get-CommandName $CommandElement
    if (-not (Test-HasText $CommandElement.SelectSingleNode('command:details/maml:description', $Help.Namespaces))) { "$name has no synopsis" }
    if (-not (Test-HasText $CommandElement.SelectSingleNode('maml:description', $Help.Namespaces))) { "$name has no description" }
    foreach ($parameter in $CommandElement.SelectNodes('command:parameters/command:parameter', $Help.Namespaces)) {
        if (-not (Test-HasText $parameter.SelectSingleNode('maml:description', $Help.Namespaces))) {
            "$name -$($parameter.SelectSingleNode('maml:name', $Help.Namespaces).InnerText) has no description"
        }
    }
}

$module = Import-Module (Resolve-Path $ModulePath).Path -PassThru -Force
$commands = @($module.ExportedCmdlets.Values | Sort-Object Name)
$HelpPath = (Resolve-Path $HelpPath).Path
$committedText = [System.IO.File]::ReadAllText($HelpPath)

$Help = Read-HelpDocument $HelpPath
$committed = @{}
foreach ($element in $Help.Document.DocumentElement.SelectNodes('command:command', $Help.Namespaces)) {
    $committed[(Get-CommandName $element)] = Read-CommandMetadata $element
}
$changes = @(Update-HelpDocument $commands)
$expectedText = ConvertTo-HelpText $Help.Document
$updated = @($Help.Document.DocumentElement.SelectNodes('command:command', $Help.Namespaces))
$missingText = @($updated | ForEach-Object { Find-MissingText $_ })

if (-not $Check) {
    if ($expectedText -cne $committedText) {
        [System.IO.File]::WriteAllText($HelpPath, $expectedText, [System.Text.UTF8Encoding]::new($false))
        Write-Host "Updated $HelpPath from the cmdlets of $ModulePath."
    }
    foreach ($line in $changes + $missingText) { Write-Warning $line }
    return
}

$differences = @(
    foreach ($name in $committed.Keys | Where-Object { $commands.Name -notcontains $_ } | Sort-Object) {
        "$name has help but is not a cmdlet of the module"
    }
    foreach ($element in $updated) {
        $name = Get-CommandName $element
        if (-not $committed.Contains($name)) { "$name has no help"; continue }
        Compare-CommandMetadata $name $committed[$name] (Read-CommandMetadata $element)
    }
    $missingText
)
if (-not $differences -and $expectedText -cne $committedText) {
    $differences = @('the file is not laid out as the rewrite writes it')
}
if ($differences) {
    # Plain lines rather than a terminating error, whose formatting would wrap and colour the list.
    Write-Host "$HelpPath does not match the cmdlets of ${ModulePath}:"
    foreach ($difference in $differences) { Write-Host "  $difference" }
    Write-Host "Rewrite it from the cmdlets with 'dotnet pwsh ./build.ps1 -Task UpdateHelp', then write what is missing by hand."
    exit 1
}
Write-Host "$HelpPath matches the cmdlets of $ModulePath."
