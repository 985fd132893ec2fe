using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>The polling endpoints each provider hands out, answered the way each one answers them in the recordings.</summary>
internal sealed class OperationPollHandler(EmulatorContext emulator, OperationStarter operations)
{
    /// <summary>
    /// Microsoft.Cache/locations/{loc}/asyncOperations/{id}: always 200, status in the body, nulls included, and an
    /// Azure-AsyncOperation header naming the status URL again, freshly signed (every poll in
    /// shared/recordings/azure-cli_test_standard_redis_cache_zonal_allocation_policy.excerpt.yaml carries one).
    /// </summary>
    public ArmResult RedisStatus(ArmRequest request)
    {
        var operation = Find(request);
        var result = new ArmResult(200, new JsonObject
        {
            ["id"] = $"/subscriptions/{operation.SubscriptionId}/providers/Microsoft.Cache/locations/{operation.Scope}/asyncOperations/{operation.Id}",
            ["name"] = operation.Id,
            ["status"] = operation.Status.ToString(),
            ["startTime"] = null,
            ["endTime"] = null,
            ["percentComplete"] = null,
            ["properties"] = null,
            ["error"] = operation.Status == OperationStatus.Failed ? operation.FailureError : null,
        });
        return result.WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(LroStyle.Redis, operation, request));
    }

    /// <summary>
    /// Microsoft.Cache/locations/{loc}/operationresults/{id}, a classic export's, import's or DELETE's only URL, answered
    /// as the 2024-11-01 az redis recording shows: 202 {id, name, status: InProgress} with Azure-AsyncOperation and
    /// Location both naming this URL freshly signed, then 200 {id, name, status: Succeeded} with neither. A failed
    /// operation answers the poll 409 with ARM's error body, as az redis export met it in Azure/azure-cli#30408.
    /// </summary>
    public ArmResult RedisOperationResult(ArmRequest request)
    {
        var operation = Find(request);
        var body = new JsonObject
        {
            // The recording's id spells the location with a raw space, unlike the URL.
            ["id"] = Uri.UnescapeDataString(OperationStarter.RedisOperationResultPath(operation)),
            ["name"] = operation.Id,
            ["status"] = operation.Status.ToString(),
        };
        switch (operation.Status)
        {
            case OperationStatus.InProgress:
                var url = OperationStarter.RedisOperationResultUrl(operation, request);
                return new ArmResult(202, body).WithHeader("Azure-AsyncOperation", url).WithHeader("Location", url);
            case OperationStatus.Failed:
                return new ArmResult(409, new JsonObject { ["error"] = operation.FailureError });
            default:
                return new ArmResult(200, body);
        }
    }

    /// <summary>
    /// Microsoft.Cache/locations/{loc}/operationsStatus/{id} (Managed Redis): 200 {id, name, status, startTime, endTime}
    /// as the 2025-07-01 OperationsStatusGet example, error added when it failed — except for a failed allocation given
    /// no code, which Azure reports with none (Azure/azure-sdk-for-net#30766 quotes {"id","name","status":"Failed",
    /// "startTime","endTime"} for a cluster create). endTime is set even while the operation runs
    /// (shared/recordings/additional/azure-powershell_RedisEnterpriseCache_New-AzRedisEnterpriseCacheDatabase:
    /// InProgress with an endTime a second after startTime); our reading is that it is when the record was last
    /// written, which for the emulator is the start until the operation ends.
    /// </summary>
    public ArmResult ManagedRedisStatus(ArmRequest request)
    {
        var operation = Find(request);
        var body = new JsonObject
        {
            ["id"] = OperationStarter.ManagedRedisStatusPath(operation),
            ["name"] = operation.Id,
            ["status"] = operation.Status.ToString(),
            ["startTime"] = Timestamp(operation.StartedAt),
            ["endTime"] = Timestamp(operation.Status == OperationStatus.InProgress ? operation.StartedAt : operation.CompletesAt),
        };
        if (operation.Status == OperationStatus.Failed && !(operation.FailsAllocation && operation.Error is null))
        {
            body["error"] = operation.FailureError;
        }

        return new ArmResult(200, body);
    }

    private static string? Timestamp(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Microsoft.Network/locations/{loc}/operations/{id}: 200 {"status":...}, Retry-After while running.</summary>
    public ArmResult NetworkStatus(ArmRequest request)
    {
        var operation = Find(request);
        var result = new ArmResult(200, StatusBody(operation));
        return operation.Status == OperationStatus.InProgress ? operations.WithRetryAfter(result, LroStyle.Network) : result;
    }

    /// <summary>Microsoft.Network/locations/{loc}/operationResults/{id}: 202 while running, then 204.</summary>
    public ArmResult NetworkResult(ArmRequest request)
    {
        var operation = Find(request);
        return operation.Status switch
        {
            OperationStatus.InProgress => operations.WithRetryAfter(new ArmResult(202)
                .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(LroStyle.Network, operation, request))
                .WithHeader("Location", OperationStarter.ResultUrl(LroStyle.Network, operation, request)), LroStyle.Network),
            OperationStatus.Failed => Failed(operation),
            _ => new ArmResult(204),
        };
    }

    /// <summary>privateDnsOperationStatuses/{id}: 202 + headers + InProgress while running, then 200.</summary>
    public ArmResult PrivateDnsStatus(ArmRequest request)
    {
        var operation = Find(request);
        return operation.Status == OperationStatus.InProgress
            ? PrivateDnsAccepted(request, operation, StatusBody(operation))
            : new ArmResult(200, StatusBody(operation));
    }

    /// <summary>privateDnsOperationResults/{id}: 202 while running, then the resource (200) or nothing (204) for a delete.</summary>
    public ArmResult PrivateDnsResult(ArmRequest request)
    {
        var operation = Find(request);
        if (operation.Status == OperationStatus.InProgress)
        {
            return PrivateDnsAccepted(request, operation, null);
        }

        if (operation.Status == OperationStatus.Failed)
        {
            return Failed(operation);
        }

        var resource = emulator.Store.Find(operation.ResourceId);
        if (operation.Kind == OperationKind.Delete || resource is null)
        {
            return new ArmResult(204);
        }

        return new ArmResult(200, ResourceTypeCatalog.Find(resource.TypeKey)!.Provider.Render(resource, emulator.Store));
    }

    private ArmResult PrivateDnsAccepted(ArmRequest request, LongRunningOperation operation, JsonNode? body) =>
        operations.WithRetryAfter(new ArmResult(202, body)
            .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(LroStyle.PrivateDns, operation, request))
            .WithHeader("Location", OperationStarter.ResultUrl(LroStyle.PrivateDns, operation, request)), LroStyle.PrivateDns);

    private static JsonObject StatusBody(LongRunningOperation operation)
    {
        var body = new JsonObject { ["status"] = operation.Status.ToString() };
        if (operation.Status == OperationStatus.Failed)
        {
            body["error"] = operation.FailureError;
        }

        return body;
    }

    private static ArmResult Failed(LongRunningOperation operation) => new(400, new JsonObject { ["error"] = operation.FailureError });

    private LongRunningOperation Find(ArmRequest request)
    {
        var id = request.Path[^1];
        var operation = emulator.Store.FindOperation(id);
        if (operation is null || !operation.SubscriptionId.Equals(request.Path[1], StringComparison.OrdinalIgnoreCase))
        {
            throw new ArmException(404, "OperationNotFound", $"The operation '{id}' could not be found.");
        }

        return operation;
    }
}
