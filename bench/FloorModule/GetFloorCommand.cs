using System.Management.Automation;

namespace FloorModule;

[Cmdlet(VerbsCommon.Get, "Floor")]
public sealed class GetFloorCommand : PSCmdlet
{
    [Parameter]
    public string? Name { get; set; }

    protected override void ProcessRecord() => WriteObject(Name);
}
