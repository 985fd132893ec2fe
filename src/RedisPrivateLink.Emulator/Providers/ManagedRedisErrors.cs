using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Cache/redisEnterprise's refusals. The legacy Enterprise retirement and the database name wordings are
/// Azure's own (as users have published them); for the rest no published answer was found, so they use the code
/// Microsoft.Cache gives a bad request field (InvalidRequestBody) with a message that names the field and what to
/// change — our reading.
/// </summary>
internal static class ManagedRedisErrors
{
    public static ArmException InvalidParameter(string parameter, string fix) => new(400, "InvalidRequestBody",
        $"The value of the parameter '{parameter}' is invalid. {fix}");

    /// <summary>
    /// Azure's text for zones on a Managed Redis SKU, as reported against 2025-07-01 for every Balanced,
    /// MemoryOptimized, ComputeOptimized and FlashOptimized SKU (langchain-ai/terraform#107); the code beside it is
    /// not published, InvalidRequestBody is our reading.
    /// </summary>
    public static ArmException ZonesNotSupported(string skuName) => new(400, "InvalidRequestBody",
        $"Specifying zones for SKU '{skuName}' is not supported. Zone redundancy is enabled by default for this SKU in regions with zones.");

    public static ArmException InvalidName(string name) => InvalidParameter("name",
        $"Cluster name '{name}' must be 1 to 60 characters of letters, numbers and hyphens, with no leading, trailing or " +
        "consecutive hyphens.");

    /// <summary>Azure's answer to a new Enterprise_E*/EnterpriseFlash_F* cluster since 2026-04-01, as users quote it.</summary>
    public static ArmException EnterpriseRetiring() => new(400, "BadRequest",
        "Creation of new Azure Cache for Redis Enterprise resources is no longer supported. Azure Cache for Redis Enterprise is " +
        "retiring, please create Azure Managed Redis instead.");

    /// <summary>
    /// A cluster holds exactly one database, named default: Azure's answer as quoted in
    /// Azure/bicep-registry-modules#6868, with the CorrelationID/RequestID/Timestamp tail the RP adds.
    /// </summary>
    public static ArmException DatabaseName(DateTimeOffset now) => new(400, "BadRequest",
        "You can currently only create or update a single RedisEnterprise database which must be named 'default'. " +
        $"CorrelationID={Guid.NewGuid()} RequestID={Guid.NewGuid()} Timestamp={now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");

    /// <summary>Our reading: listKeys and regenerateKey are refused while the database does not accept access keys.</summary>
    public static ArmException AccessKeysDisabled(string databaseName) => new(400, "BadRequest",
        $"Access keys authentication is disabled for database '{databaseName}'. Set properties.accessKeysAuthentication to " +
        "'Enabled' to use access keys, or connect with Microsoft Entra ID.");

    /// <summary>
    /// The error a cluster create's operation ends with when Azure cannot allocate it: the codes InsufficientCapacity
    /// (Azure refusing Balanced_B1 and Balanced_B3 in eastus2, langchain-ai/terraform#258) and AllocationFailed; their
    /// messages are not published, so the default wording is our reading. Null (no error at all, as
    /// Azure/azure-sdk-for-net#30766 shows) when the fault names no code.
    /// </summary>
    public static JsonObject? AllocationFailure(string? code, string? message, StoredResource cluster) => code is null ? null : new JsonObject
    {
        ["code"] = code,
        ["message"] = message ?? $"There is not enough capacity in region '{JsonMerge.String(cluster.Body, "location")}' to allocate " +
            $"SKU '{JsonMerge.String(cluster.Body["sku"], "name")}' for cluster '{cluster.Name}'. Try another region or SKU, or try again later.",
    };

    /// <summary>Our reading of a create-only database setting in an update.</summary>
    public static ArmException CannotBeModified(string property) => new(400, "BadRequest",
        $"The requested update to the resource is not permitted. The following properties(s) cannot be modified: '{property}'.");
}
