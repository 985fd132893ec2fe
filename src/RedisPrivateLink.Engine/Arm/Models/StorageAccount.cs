namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A storage account (Microsoft.Storage/storageAccounts), used to move data during a migration.</summary>
public sealed class StorageAccount : ArmResource<StorageAccountProperties>
{
    public string? Kind { get; set; }
}
