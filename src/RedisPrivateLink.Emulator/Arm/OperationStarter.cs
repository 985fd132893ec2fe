using System.Text;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>Starts long-running operations and answers their first response the way each provider style does.</summary>
internal sealed class OperationStarter(EmulatorContext emulator)
{
    public LongRunningOperation Start(ResourceType type, OperationKind kind, StoredResource resource, string resourceGroupName,
        bool fails, JsonObject? error = null, bool failsAllocation = false) =>
        Start(type.Style, kind, resource, resourceGroupName, kind switch
        {
            OperationKind.Create => type.Create,
            OperationKind.Update => type.Update,
            _ => type.Delete,
        }, fails, $"{kind}{type.ResponseTypeSegment}", error, failsAllocation: failsAllocation);

    /// <summary>An action's operation (export, import), whose outcome the caller decides.</summary>
    public LongRunningOperation StartAction(LroStyle style, StoredResource resource, TimeSpan azureDuration, bool fails,
        JsonObject? error, DataTransfer transfer) =>
        Start(style, OperationKind.Action, resource, "", azureDuration, fails, "Action", error, transfer);

    private LongRunningOperation Start(LroStyle style, OperationKind kind, StoredResource resource, string resourceGroupName,
        TimeSpan azureDuration, bool fails, string purpose, JsonObject? error = null, DataTransfer? transfer = null, bool failsAllocation = false)
    {
        var location = LocationOf(resource);
        var operation = new LongRunningOperation
        {
            Id = style == LroStyle.PrivateDns ? OpaqueId(purpose) : Guid.NewGuid().ToString(),
            Kind = kind,
            ResourceId = resource.Id,
            SubscriptionId = resource.Id.Split('/')[2],
            Scope = style switch
            {
                LroStyle.Redis => Regions.DisplayName(location),
                LroStyle.PrivateDns => resourceGroupName,
                _ => Regions.Normalize(location),
            },
            StartedAt = emulator.Now,
            CompletesAt = emulator.Now + emulator.Scale(azureDuration),
            Fails = fails || failsAllocation,
            FailsAllocation = failsAllocation,
            Error = error,
            WritesBlob = transfer?.WritesBlob,
            Fingerprint = transfer?.Fingerprint,
            ImportsData = transfer?.ImportsData ?? false,
        };
        emulator.Store.Add(operation);
        return operation;
    }

    /// <summary>A child (subnet, zone group) has no location of its own: its operations run where its top-level parent is.</summary>
    private string LocationOf(StoredResource resource)
    {
        if (JsonMerge.String(resource.Body, "location") is { } own)
        {
            return own;
        }

        // /subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name} is the top-level ancestor.
        var topLevelId = string.Join('/', resource.Id.Split('/').Take(9));
        return JsonMerge.String(emulator.Store.Find(topLevelId)?.Body, "location") ?? "global";
    }

    /// <summary>Private DNS and resource group operation ids are opaque base64 tokens; keep them path-safe.</summary>
    public static string OpaqueId(string purpose) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"FrontEndAsyncOperation;{purpose};{Guid.NewGuid()}"))
            .Replace('+', '-').Replace('/', '_');

    /// <summary>The Azure-AsyncOperation URL of an operation.</summary>
    public static string StatusUrl(LroStyle style, LongRunningOperation operation, ArmRequest request) => style switch
    {
        LroStyle.Redis => request.Url(
            $"subscriptions/{operation.SubscriptionId}/providers/Microsoft.Cache/locations/{Uri.EscapeDataString(operation.Scope)}/asyncOperations/{operation.Id}")
            + SignedOperationQuery.For(operation.Id, request.Now),
        LroStyle.ManagedRedis => request.Url(ManagedRedisStatusPath(operation).TrimStart('/')),
        LroStyle.Network => request.Url(
            $"subscriptions/{operation.SubscriptionId}/providers/Microsoft.Network/locations/{operation.Scope}/operations/{operation.Id}"),
        _ => request.Url(
            $"subscriptions/{operation.SubscriptionId}/resourceGroups/{Uri.EscapeDataString(operation.Scope)}/providers/Microsoft.Network/privateDnsOperationStatuses/{operation.Id}"),
    };

    /// <summary>
    /// Microsoft.Cache/locations/{Display Name}/operationresults/{id} with ARM's signed tail: where a classic cache's
    /// export, import and DELETE point their only header, Location (the 2024-11-01 az redis recording).
    /// </summary>
    public static string RedisOperationResultUrl(LongRunningOperation operation, ArmRequest request) =>
        request.Url(RedisOperationResultPath(operation).TrimStart('/')) + SignedOperationQuery.For(operation.Id, request.Now);

    public static string RedisOperationResultPath(LongRunningOperation operation) =>
        $"/subscriptions/{operation.SubscriptionId}/providers/Microsoft.Cache/locations/{Uri.EscapeDataString(operation.Scope)}/operationresults/{operation.Id}";

    /// <summary>Microsoft.Cache/locations/{loc}/operationsStatus/{id}, as the 2025-07-01 OperationsStatusGet example spells it.</summary>
    public static string ManagedRedisStatusPath(LongRunningOperation operation) =>
        $"/subscriptions/{operation.SubscriptionId}/providers/Microsoft.Cache/locations/{operation.Scope}/operationsStatus/{operation.Id}";

    /// <summary>The Location URL of an operation (Microsoft.Cache points both headers at its status).</summary>
    public static string ResultUrl(LroStyle style, LongRunningOperation operation, ArmRequest request) => style switch
    {
        LroStyle.Network => request.Url(
            $"subscriptions/{operation.SubscriptionId}/providers/Microsoft.Network/locations/{operation.Scope}/operationResults/{operation.Id}"),
        LroStyle.PrivateDns => request.Url(
            $"subscriptions/{operation.SubscriptionId}/resourceGroups/{Uri.EscapeDataString(operation.Scope)}/providers/Microsoft.Network/privateDnsOperationResults/{operation.Id}"),
        _ => StatusUrl(style, operation, request),
    };

    public ArmResult WithRetryAfter(ArmResult result, LroStyle style)
    {
        if (ResourceTypeCatalog.RetryAfterSeconds(style) is { } seconds)
        {
            result.WithHeader("Retry-After", emulator.ScaleRetryAfter(seconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (emulator.Options.TimeScale != 1)
            {
                // Our reading: a scaled interval below a second cannot be written in Retry-After's whole seconds, so it
                // also goes as retry-after-ms, the millisecond form Azure.Core's clients honour before Retry-After.
                result.WithHeader("retry-after-ms", emulator.ScaleRetryAfterMilliseconds(seconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result;
    }
}
