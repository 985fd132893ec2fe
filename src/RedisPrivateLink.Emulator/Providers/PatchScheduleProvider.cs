using System.Text.Json.Nodes;
using System.Xml;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Cache/redis/patchSchedules/default: the one schedule a cache has, {scheduleEntries: [{dayOfWeek,
/// startHourUtc, maintenanceWindow}]}. Written at once (200); it carries the cache's location, as the examples show.
/// </summary>
internal sealed class PatchScheduleProvider : CacheChildProvider
{
    public const string OnlyName = "default";

    private static readonly string[] Days =
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Everyday", "Weekend"];

    /// <summary>Azure's shortest maintenance window, and what it fills in when none is given.</summary>
    private static readonly TimeSpan ShortestWindow = TimeSpan.FromHours(5);

    public override int PutStatus(bool created) => 200;

    public override void Validate(WriteContext context)
    {
        // The child's own name, from its id: a stored schedule's name reads {cache}/default.
        if (!context.Id[(context.Id.LastIndexOf('/') + 1)..].Equals(OnlyName, StringComparison.OrdinalIgnoreCase))
        {
            throw RedisErrors.InvalidParameter(OnlyName);
        }

        var entries = context.Request["properties"]?["scheduleEntries"] as JsonArray;
        if (entries is not { Count: > 0 })
        {
            throw RedisErrors.InvalidParameter("properties.scheduleEntries");
        }

        foreach (var entry in entries)
        {
            if (!Days.Contains(JsonMerge.String(entry, "dayOfWeek"), StringComparer.OrdinalIgnoreCase))
            {
                throw RedisErrors.InvalidParameter("properties.scheduleEntries.dayOfWeek");
            }

            if (entry?["startHourUtc"] is not JsonValue hour || !hour.TryGetValue<int>(out var value) || value is < 0 or > 23)
            {
                throw RedisErrors.InvalidParameter("properties.scheduleEntries.startHourUtc");
            }

            if (JsonMerge.String(entry, "maintenanceWindow") is { } window && !(Duration(window) >= ShortestWindow))
            {
                throw RedisErrors.InvalidParameter("properties.scheduleEntries.maintenanceWindow");
            }
        }
    }

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        foreach (var entry in (Properties(body)["scheduleEntries"] as JsonArray ?? []).OfType<JsonObject>())
        {
            entry["dayOfWeek"] = Days.First(d => d.Equals(JsonMerge.String(entry, "dayOfWeek"), StringComparison.OrdinalIgnoreCase));
            entry["maintenanceWindow"] ??= XmlConvert.ToString(ShortestWindow);
        }

        return body;
    }

    public override JsonObject Render(StoredResource resource, ResourceStore store) =>
        WithoutProvisioningState(base.Render(resource, store));

    protected override bool HasLocation(WriteContext context) => true;

    protected override string Location(WriteContext context) => JsonMerge.String(CacheOf(context).Body, "location") ?? context.Location;

    private static TimeSpan? Duration(string iso8601)
    {
        try
        {
            return XmlConvert.ToTimeSpan(iso8601);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
