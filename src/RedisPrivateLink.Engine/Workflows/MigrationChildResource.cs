using System.Text.Json;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// A child resource of a cache that the migration copies verbatim (a firewall rule, the patch schedule): its
/// properties are sent to the target as the source holds them, so settings the module does not model still move.
/// </summary>
internal sealed class MigrationChildResource : ArmResource
{
    public JsonElement? Properties { get; set; }
}
