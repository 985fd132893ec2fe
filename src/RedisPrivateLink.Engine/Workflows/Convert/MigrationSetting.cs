using System.Text.Json;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>One child resource of the source to copy to the target: a firewall rule or the patch schedule.</summary>
internal sealed class MigrationSetting
{
    public const string FirewallRules = "firewallRules";
    public const string PatchSchedules = "patchSchedules";

    /// <summary>The child collection: <see cref="FirewallRules"/> or <see cref="PatchSchedules"/>.</summary>
    public string Collection { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public JsonElement? Properties { get; set; }
}
