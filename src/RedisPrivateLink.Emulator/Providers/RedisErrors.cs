using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Cache's refusals. The Redis RP ends every message with its request id ("\r\nRequestID=…", as the errors
/// users have published show) and reports a bad request field as "The value of the parameter '…' is invalid."
/// </summary>
internal static class RedisErrors
{
    public static ArmException InvalidParameter(string parameter) => Error(400, "InvalidRequestBody",
        $"The value of the parameter '{parameter}' is invalid.");

    /// <summary>Worded as the Redis RP refuses a setting on a tier that lacks it ("… is not allowed on 'Basic' cache instances.").</summary>
    public static ArmException SettingNotAllowed(string setting, string skuName) => Error(400, "BadRequest",
        $"The setting '{setting}' is not allowed on '{skuName}' cache instances.");

    /// <summary>Our reading of the name rule (the RP's exact wording was not found); the code is the RP's usual one.</summary>
    public static ArmException InvalidName(string name) => Error(400, "InvalidRequestBody",
        $"The value of the parameter 'name' is invalid. Cache name '{name}' must be 1 to 63 characters of letters, numbers and " +
        "hyphens, start and end with a letter or number, and not contain consecutive hyphens.");

    /// <summary>
    /// Azure's refusal of a new classic cache, worded as users have published it ("BadRequest: Azure Cache for Redis is
    /// retiring, create Azure Managed Redis instance instead. https://aka.ms/AzureCacheForRedisRetirement").
    /// </summary>
    public static ArmException Retiring() => Error(400, "BadRequest",
        "Azure Cache for Redis is retiring, create Azure Managed Redis instance instead. https://aka.ms/AzureCacheForRedisRetirement");

    /// <summary>Azure's wording for a create-only property in an update (reported for the subnet in hashicorp's issue tracker).</summary>
    public static ArmException CannotBeModified(string property) => Error(400, "BadRequest",
        $"The requested update to the resource is not permitted. The following properties(s) cannot be modified: '{property}'.");

    /// <summary>Our reading of the rule that an injected cache needs a subnet holding only caches.</summary>
    public static ArmException SubnetNotDedicated(string subnetId, string userId) => Error(400, "BadRequest",
        $"The subnet '{subnetId}' cannot hold Azure Cache for Redis because it holds '{userId}'. A cache can only be injected " +
        "into a subnet that holds nothing but Azure Cache for Redis instances.");

    /// <summary>Our reading of the scaling rules Azure documents: no scaling down a tier, and Basic reaches Premium through Standard.</summary>
    public static ArmException ScaleNotSupported(string fromSku, string toSku) => Error(400, "BadRequest",
        $"Scaling a cache from the '{fromSku}' tier to the '{toSku}' tier is not supported. A cache can only move up one tier " +
        "at a time (Basic to Standard, Standard to Premium), never down.");

    /// <summary>Our reading of the RP's refusal to geo-replicate a cache that is not Premium.</summary>
    public static ArmException GeoReplicationPremiumOnly(string cacheName, string skuName) => Error(400, "BadRequest",
        $"Geo-replication is not allowed on '{skuName}' cache instances: cache '{cacheName}' must be Premium.");

    public static ArmException Error(int status, string code, string message) =>
        new(status, code, $"{message}\r\nRequestID={Guid.NewGuid()}");
}
