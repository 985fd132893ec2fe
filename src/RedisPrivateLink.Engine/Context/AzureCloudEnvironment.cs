using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Context;

/// <summary>An Azure cloud: where ARM and Entra ID live, and the DNS names Azure Cache for Redis uses there.</summary>
public sealed class AzureCloudEnvironment
{
    /// <summary>The private DNS zone of Azure Managed Redis (Microsoft.Cache/redisEnterprise), the same in every cloud that has it.</summary>
    public const string ManagedRedisPrivateDnsZone = "privatelink.redis.azure.net";

    public static readonly AzureCloudEnvironment AzureCloud = new(
        "AzureCloud", new Uri("https://management.azure.com/"), "https://management.azure.com/", new Uri("https://login.microsoftonline.com/"),
        "privatelink.redis.cache.windows.net", ".redis.cache.windows.net");

    public static readonly AzureCloudEnvironment AzureUSGovernment = new(
        "AzureUSGovernment", new Uri("https://management.usgovcloudapi.net/"), "https://management.usgovcloudapi.net/", new Uri("https://login.microsoftonline.us/"),
        "privatelink.redis.cache.usgovcloudapi.net", ".redis.cache.usgovcloudapi.net");

    public static readonly AzureCloudEnvironment AzureChinaCloud = new(
        "AzureChinaCloud", new Uri("https://management.chinacloudapi.cn/"), "https://management.chinacloudapi.cn/", new Uri("https://login.chinacloudapi.cn/"),
        "privatelink.redis.cache.chinacloudapi.cn", ".redis.cache.chinacloudapi.cn");

    private AzureCloudEnvironment(string name, Uri resourceManagerUrl, string audience, Uri authorityHost, string redisPrivateDnsZone, string redisHostSuffix, bool isEmulator = false)
    {
        IsEmulator = isEmulator;
        Name = name;
        ResourceManagerUrl = resourceManagerUrl;
        Audience = audience;
        AuthorityHost = authorityHost;
        RedisPrivateDnsZone = redisPrivateDnsZone;
        RedisHostSuffix = redisHostSuffix;
    }

    public static IReadOnlyList<AzureCloudEnvironment> All { get; } = new[] { AzureCloud, AzureUSGovernment, AzureChinaCloud };

    public string Name { get; }

    public Uri ResourceManagerUrl { get; }

    /// <summary>The token audience; the token scope is <see cref="Scope"/>.</summary>
    public string Audience { get; }

    public Uri AuthorityHost { get; }

    /// <summary>The private DNS zone a cache's private endpoint registers in, e.g. privatelink.redis.cache.windows.net.</summary>
    public string RedisPrivateDnsZone { get; }

    /// <summary>The public host suffix of a cache, e.g. .redis.cache.windows.net.</summary>
    public string RedisHostSuffix { get; }

    /// <summary>True when both ARM and Entra ID are the local emulator's (<see cref="AtEmulator"/>).</summary>
    public bool IsEmulator { get; }

    /// <summary>True when ARM is not the cloud's own endpoint (an emulator or a private ARM).</summary>
    public bool IsCustomEndpoint => !All.Any(e => e.Name == Name && e.ResourceManagerUrl == ResourceManagerUrl);

    public string Scope => Audience.TrimEnd('/') + "/.default";

    /// <summary>The cloud with this name (case-insensitive); throws a RedisPrivateLinkException naming the valid ones.</summary>
    public static AzureCloudEnvironment Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return AzureCloud;
        }

        return All.FirstOrDefault(e => e.Name.Equals(name!.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new RedisPrivateLinkException("UnknownEnvironment", RedisPrivateLinkErrorCategory.InvalidArgument,
                $"'{name}' is not an Azure environment. Use one of: {string.Join(", ", All.Select(e => e.Name))}, or give -ResourceManagerUrl for a custom endpoint.", name);
    }

    /// <summary>This cloud's DNS names and authority with another ARM endpoint; the audience is that URL unless given.</summary>
    public AzureCloudEnvironment WithResourceManagerUrl(Uri resourceManagerUrl, string? audience = null)
    {
        if (!resourceManagerUrl.IsAbsoluteUri || resourceManagerUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new RedisPrivateLinkException("InvalidResourceManagerUrl", RedisPrivateLinkErrorCategory.InvalidArgument,
                $"'{resourceManagerUrl}' is not an absolute https:// URL; Resource Manager is only reached over HTTPS.", resourceManagerUrl.ToString());
        }

        return new AzureCloudEnvironment(Name, resourceManagerUrl, audience ?? resourceManagerUrl.GetLeftPart(UriPartial.Authority) + "/", AuthorityHost, RedisPrivateDnsZone, RedisHostSuffix);
    }

    /// <summary>
    /// This cloud served by the local emulator: ARM and the Entra authority are the emulator's endpoint, while the token
    /// audience stays this cloud's ARM resource, as the emulator checks it.
    /// </summary>
    public AzureCloudEnvironment AtEmulator(Uri endpoint) =>
        new(Name, WithResourceManagerUrl(endpoint).ResourceManagerUrl, Audience, endpoint, RedisPrivateDnsZone, RedisHostSuffix, isEmulator: true);

    public override string ToString() => Name;
}
