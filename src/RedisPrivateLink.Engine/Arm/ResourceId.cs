using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// A parsed ARM resource id: <c>/subscriptions/{s}[/resourceGroups/{rg}][/providers/{namespace}/{type}/{name}[/{childType}/{childName}]...]</c>.
/// Equality ignores case, as ARM does (requests say Microsoft.Cache/redis, responses Microsoft.Cache/Redis).
/// Parsing refuses anything that could steer a request elsewhere: path traversal, query or fragment characters,
/// percent-encoding, backslashes, control characters and empty segments.
/// </summary>
public sealed class ResourceId : IEquatable<ResourceId>
{
    public const string ResourceGroupType = "Microsoft.Resources/resourceGroups";
    public const string SubscriptionType = "Microsoft.Resources/subscriptions";

    private readonly string _id;
    private readonly IReadOnlyList<string> _typeSegments;
    private readonly IReadOnlyList<string> _names;

    private ResourceId(string subscriptionId, string? resourceGroupName, string? providerNamespace, IReadOnlyList<string> typeSegments, IReadOnlyList<string> names)
    {
        SubscriptionId = subscriptionId;
        ResourceGroupName = resourceGroupName;
        ProviderNamespace = providerNamespace;
        _typeSegments = typeSegments;
        _names = names;
        _id = Format();
    }

    public string SubscriptionId { get; }

    public string? ResourceGroupName { get; }

    /// <summary>The resource provider, e.g. Microsoft.Cache; null for subscriptions and resource groups.</summary>
    public string? ProviderNamespace { get; }

    /// <summary>The full type, e.g. <c>Microsoft.Cache/redis/privateEndpointConnections</c>.</summary>
    public string ResourceType => ProviderNamespace is null
        ? ResourceGroupName is null ? SubscriptionType : ResourceGroupType
        : ProviderNamespace + "/" + string.Join("/", _typeSegments);

    /// <summary>The name of this resource: the last segment.</summary>
    public string Name => _names.Count > 0 ? _names[_names.Count - 1] : ResourceGroupName ?? SubscriptionId;

    /// <summary>The names along the type chain, e.g. [cache, connection] for a private endpoint connection.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The resource this one is nested in, the resource group of a top-level resource, or the subscription of a resource group; null for a subscription.</summary>
    public ResourceId? Parent
    {
        get
        {
            if (_names.Count > 1)
            {
                return new ResourceId(SubscriptionId, ResourceGroupName, ProviderNamespace, Take(_typeSegments, _typeSegments.Count - 1), Take(_names, _names.Count - 1));
            }

            if (_names.Count == 1)
            {
                return new ResourceId(SubscriptionId, ResourceGroupName, null, Array.Empty<string>(), Array.Empty<string>());
            }

            return ResourceGroupName is null ? null : ForSubscription(SubscriptionId);
        }
    }

    public static ResourceId ForSubscription(string subscriptionId) =>
        new(CheckName(subscriptionId, nameof(subscriptionId)), null, null, Array.Empty<string>(), Array.Empty<string>());

    public static ResourceId ForResourceGroup(string subscriptionId, string resourceGroupName) =>
        new(CheckName(subscriptionId, nameof(subscriptionId)), CheckName(resourceGroupName, nameof(resourceGroupName)), null, Array.Empty<string>(), Array.Empty<string>());

    /// <summary>A top-level resource in a resource group, e.g. <c>ForResource(s, rg, "Microsoft.Cache/redis", "cache1")</c>.</summary>
    public static ResourceId ForResource(string subscriptionId, string resourceGroupName, string resourceType, string name)
    {
        var group = ForResourceGroup(subscriptionId, resourceGroupName);
        var typeParts = resourceType.Split('/');
        if (typeParts.Length != 2)
        {
            throw new FormatException($"Resource type '{resourceType}' must look like 'Namespace/type', e.g. 'Microsoft.Cache/redis'.");
        }

        return new ResourceId(group.SubscriptionId, group.ResourceGroupName, CheckName(typeParts[0], nameof(resourceType)), new[] { CheckName(typeParts[1], nameof(resourceType)) }, new[] { CheckName(name, nameof(name)) });
    }

    /// <summary>The resource <c>{this}/{childType}/{childName}</c>; only for resources under a provider.</summary>
    public ResourceId Child(string childType, string childName)
    {
        if (ProviderNamespace is null)
        {
            throw new InvalidOperationException($"'{_id}' is not a provider resource; use ForResource to build a resource in it.");
        }

        return new ResourceId(SubscriptionId, ResourceGroupName, ProviderNamespace, _typeSegments.Concat(new[] { CheckName(childType, nameof(childType)) }).ToArray(), _names.Concat(new[] { CheckName(childName, nameof(childName)) }).ToArray());
    }

    /// <summary>True when this resource has the given full type, compared case-insensitively.</summary>
    public bool IsOfType(string resourceType) => string.Equals(ResourceType, resourceType, StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string? text, out ResourceId? id)
    {
        try
        {
            id = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            id = null;
            return false;
        }
    }

    /// <summary>Parses an ARM resource id or throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static ResourceId Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("A resource id is required, e.g. '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Cache/redis/<name>'.");
        }

        var value = text!.Trim();
        if (value[0] != '/')
        {
            throw Invalid(value, "it must start with '/subscriptions/'");
        }

        var segments = value.Substring(1).TrimEnd('/').Split('/');
        foreach (var segment in segments)
        {
            CheckSegment(value, segment);
        }

        if (segments.Length < 2 || !segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(value, "it must start with '/subscriptions/<subscription id>'");
        }

        var subscriptionId = segments[1];
        var index = 2;
        string? resourceGroup = null;
        if (index < segments.Length && segments[index].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase))
        {
            if (index + 1 >= segments.Length)
            {
                throw Invalid(value, "the resource group name is missing");
            }

            resourceGroup = segments[index + 1];
            index += 2;
        }

        if (index == segments.Length)
        {
            return new ResourceId(subscriptionId, resourceGroup, null, Array.Empty<string>(), Array.Empty<string>());
        }

        if (!segments[index].Equals("providers", StringComparison.OrdinalIgnoreCase) || index + 1 >= segments.Length)
        {
            throw Invalid(value, $"expected 'providers/<namespace>' after the {(resourceGroup is null ? "subscription" : "resource group")}");
        }

        var providerNamespace = segments[index + 1];
        var chain = segments.Skip(index + 2).ToArray();
        if (chain.Length == 0 || chain.Length % 2 != 0)
        {
            throw Invalid(value, "the provider must be followed by pairs of '<type>/<name>'");
        }

        var types = new List<string>();
        var names = new List<string>();
        for (var i = 0; i < chain.Length; i += 2)
        {
            if (chain[i].Equals("providers", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(value, "extension resources (a second 'providers' segment) are not supported");
            }

            types.Add(chain[i]);
            names.Add(chain[i + 1]);
        }

        return new ResourceId(subscriptionId, resourceGroup, providerNamespace, types, names);
    }

    public bool Equals(ResourceId? other) => other is not null && string.Equals(_id, other._id, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as ResourceId);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(_id);

    public static bool operator ==(ResourceId? left, ResourceId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ResourceId? left, ResourceId? right) => !(left == right);

    public override string ToString() => _id;

    private string Format()
    {
        var text = "/subscriptions/" + SubscriptionId;
        if (ResourceGroupName is not null)
        {
            text += "/resourceGroups/" + ResourceGroupName;
        }

        if (ProviderNamespace is not null)
        {
            text += "/providers/" + ProviderNamespace;
            for (var i = 0; i < _typeSegments.Count; i++)
            {
                text += "/" + _typeSegments[i] + "/" + _names[i];
            }
        }

        return text;
    }

    private static string CheckName(string value, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value) || value.IndexOf('/') >= 0)
        {
            throw new FormatException($"'{value}' is not a valid {parameterName}: it must be non-empty and contain no '/'.");
        }

        CheckSegment(value, value);
        return value;
    }

    private static void CheckSegment(string id, string segment)
    {
        if (segment.Length == 0)
        {
            throw Invalid(id, "it has an empty segment ('//')");
        }

        if (segment == "." || segment == "..")
        {
            throw Invalid(id, "it contains a '.' or '..' path segment");
        }

        foreach (var c in segment)
        {
            if (c == '?' || c == '#' || c == '%' || c == '\\' || char.IsControl(c))
            {
                throw Invalid(id, $"it contains the character '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4") : c.ToString())}'");
            }
        }

        if (segment.Trim().Length != segment.Length)
        {
            throw Invalid(id, "a segment starts or ends with whitespace");
        }
    }

    private static FormatException Invalid(string id, string reason) => new($"'{id}' is not a valid Azure resource id: {reason}.");

    private static string[] Take(IReadOnlyList<string> items, int count) => items.Take(count).ToArray();
}
