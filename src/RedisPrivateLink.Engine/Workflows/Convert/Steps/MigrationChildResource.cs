using System.Text.Json;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// A child resource of a cache that the migration copies verbatim (a firewall rule, the patch schedule): its
/// properties are sent to the target as the source holds them, so settings the module does not model still move. Also
/// the answer to a tags-only PATCH of a cache of either kind, whose properties the migration does not read.
/// </summary>
internal sealed class MigrationChildResource : ArmResource
{
    public JsonElement? Properties { get; set; }
}
