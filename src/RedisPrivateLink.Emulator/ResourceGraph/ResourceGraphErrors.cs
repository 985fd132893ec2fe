using System.Globalization;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.ResourceGraph;

/// <summary>
/// Resource Graph's errors as users have published them: a top-level code with the support line "Please provide below
/// info when asking for support: timestamp = …, correlationId = …." and the cause in details.
/// </summary>
internal static class ResourceGraphErrors
{
    /// <summary>
    /// 400 BadRequest with details InvalidQuery "Query is invalid. Please refer to the documentation for the Azure
    /// Resource Graph service and fix the error before retrying." and the parser's finding (code, message, line,
    /// characterPositionInLine, token), the whole body Search-AzGraph printed in Azure/azure-powershell#13762. The
    /// second detail's code names what the emulator could not read (our names: UnsupportedOperator, UnexpectedToken...).
    /// </summary>
    public static ArmException InvalidQuery(DateTimeOffset now, KustoQueryException error) => new(400, "BadRequest", SupportLine(now))
    {
        Details =
        [
            new JsonObject
            {
                ["code"] = "InvalidQuery",
                ["message"] = "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
            },
            new JsonObject
            {
                ["code"] = error.Code,
                ["message"] = error.Code,
                ["line"] = 1,
                ["characterPositionInLine"] = error.Position,
                ["token"] = error.Token,
            },
        ],
    };

    /// <summary>A request the emulator cannot serve (no query, $top out of range, a foreign $skipToken): BadRequest with the reason in details (our reading).</summary>
    public static ArmException InvalidRequest(DateTimeOffset now, string reason) => new(400, "BadRequest", SupportLine(now))
    {
        Details = [new JsonObject { ["code"] = "InvalidRequest", ["message"] = reason }],
    };

    /// <summary>
    /// 429 RateLimiting with details RateLimiting "Client application has been throttled and should not attempt to
    /// repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for
    /// help." (Azure/azure-cli-extensions#3325, the whole body). No Retry-After: the quota headers say when.
    /// </summary>
    public static ArmException Throttled(DateTimeOffset now) => new(429, "RateLimiting", SupportLine(now))
    {
        Details =
        [
            new JsonObject
            {
                ["code"] = "RateLimiting",
                ["message"] = "Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.",
            },
        ],
    };

    private static string SupportLine(DateTimeOffset now) =>
        $"Please provide below info when asking for support: timestamp = {now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}, correlationId = {Guid.NewGuid()}.";
}
