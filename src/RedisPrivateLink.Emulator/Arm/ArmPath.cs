namespace RedisPrivateLink.Emulator.Arm;

/// <summary>
/// An ARM request path split into segments. A resource path under a provider alternates type and name:
/// providers/{namespace}/{type}/{name}[/{childType}/{childName}]...; an odd tail is a collection or an action.
/// </summary>
internal sealed class ArmPath
{
    private ArmPath(string raw, string[] segments)
    {
        Raw = raw;
        Segments = segments;
    }

    public string Raw { get; }

    public IReadOnlyList<string> Segments { get; }

    public int Count => Segments.Count;

    public string this[Index index] => Segments[index];

    public static ArmPath Parse(string path) =>
        new(path, path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray());

    public bool Is(int index, string value) =>
        index < Segments.Count && string.Equals(Segments[index], value, StringComparison.OrdinalIgnoreCase);

    /// <summary>The subscription a request is charged to, or null for tenant-level calls such as GET /subscriptions.</summary>
    public string? SubscriptionId => Is(0, "subscriptions") && Count > 1 ? Segments[1] : null;
}
