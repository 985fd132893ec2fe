using System;
using System.Linq;
using System.Text.Json;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// The TLS ports of a cache's nodes, from ARM's <c>instances[].sslPort</c> (15000 and up). A clustered cache
/// redirects clients to them, so each must answer at the private endpoint's IP as well as the cache port does.
/// </summary>
internal static class CacheInstancePorts
{
    public static int[] SslPortsOf(RedisCache? cache)
    {
        if (cache?.Properties?.AdditionalProperties is not { } properties
            || !properties.TryGetValue("instances", out var instances)
            || instances.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<int>();
        }

        return instances.EnumerateArray()
            .Select(instance => instance.ValueKind == JsonValueKind.Object && instance.TryGetProperty("sslPort", out var port) && port.TryGetInt32(out var number) ? number : 0)
            .Where(port => port > 0)
            .Distinct()
            .OrderBy(port => port)
            .ToArray();
    }
}
