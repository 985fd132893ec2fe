using System;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>The id of a cache ARM returned.</summary>
internal static class CacheIds
{
    /// <summary>The id ARM gave the cache (its casing is ARM's); the requested one when ARM gave none.</summary>
    public static ResourceId Of(ArmResource cache, ResourceId? requested) =>
        ResourceId.TryParse(cache.Id, out var id) ? id!
        : requested ?? throw new FormatException($"ARM listed the cache '{cache.Name}' without a valid resource id ('{cache.Id}').");
}
