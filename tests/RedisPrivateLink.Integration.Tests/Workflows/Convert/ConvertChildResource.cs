using System.Text.Json;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>A cache child resource (firewall rule, patch schedule) with its properties as raw JSON.</summary>
internal sealed class ConvertChildResource : ArmResource
{
    public JsonElement? Properties { get; set; }
}
