using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>One migration as the steps share it: the source, the target, and how the data moves.</summary>
internal sealed class ConvertMigration
{
    public ConvertMigration(ResourceId sourceId, ResourceId targetId, bool reuseName, MigrationStorageContainer? container)
    {
        SourceId = sourceId;
        TargetId = targetId;
        ReuseName = reuseName;
        Container = container;
    }

    public ResourceId SourceId { get; }

    public ResourceId TargetId { get; }

    public bool ReuseName { get; }

    /// <summary>Classic, or Azure Managed Redis with -TargetSku.</summary>
    public CacheKind TargetKind => CacheKind.Of(TargetId);

    /// <summary>The export's container; null when the data does not move.</summary>
    public MigrationStorageContainer? Container { get; }

    public bool MovesData => Container is not null;

    /// <summary>The blob name the export writes and the import reads, one per source so migrations can share a container.</summary>
    public string ExportPrefix => "migration-" + SourceId.Name;

    /// <summary>The cache that records the export: the target side by side, the source with -ReuseName (the target does not exist yet).</summary>
    public ResourceId ExportRecordedOn => ReuseName ? SourceId : TargetId;
}
