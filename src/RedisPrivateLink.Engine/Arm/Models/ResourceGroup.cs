namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A resource group (Microsoft.Resources/resourceGroups).</summary>
public sealed class ResourceGroup : ArmResource<ResourceGroupProperties>
{
    public string? ManagedBy { get; set; }
}
