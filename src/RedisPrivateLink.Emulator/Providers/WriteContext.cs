using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>What a provider needs to build a resource body from a PUT.</summary>
internal sealed class WriteContext
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ResourceType Type { get; init; }

    public required JsonObject Request { get; init; }

    public required StoredResource ResourceGroup { get; init; }

    public required ResourceStore Store { get; init; }

    public StoredResource? Existing { get; init; }

    /// <summary>The request's api-version, for rules that changed between versions (Managed Redis publicNetworkAccess).</summary>
    public required string ApiVersion { get; init; }

    /// <summary>The emulator's options, for rules a switch turns on (such as refusing classic cache creates).</summary>
    public required EmulatorOptions Options { get; init; }

    /// <summary>The operation the write started, so resources it creates on the side finish with it.</summary>
    public string? OperationId { get; set; }

    public string SubscriptionId => Id.Split('/')[2];

    public string ResourceGroupName => ResourceGroup.Name;

    /// <summary>The request's location, else the one it had, else its resource group's (as ARM templates default).</summary>
    public string Location =>
        JsonMerge.String(Request, "location")
        ?? JsonMerge.String(Existing?.Body, "location")
        ?? (string)ResourceGroup.Body["location"]!;
}
