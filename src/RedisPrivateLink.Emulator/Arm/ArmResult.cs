using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>An answer before it is written: handlers stay pure, the pipeline owns the wire.</summary>
internal sealed class ArmResult(int status, JsonNode? body = null)
{
    public int Status { get; } = status;

    /// <summary>Null means no body at all (not even "{}"), as ARM sends on 202 deletes and 204s.</summary>
    public JsonNode? Body { get; } = body;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ArmResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
