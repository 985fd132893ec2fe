using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>Azure's naming rules for the resources the module creates, checked before any ARM write.</summary>
public static class NameRules
{
    /// <summary>Azure's limit on tags per resource.</summary>
    public const int MaxTagCount = 50;
    public const int MaxTagNameLength = 512;
    public const int MaxTagValueLength = 256;

    private const string TagNameForbiddenCharacters = "<>%&\\?/";

    private const string NetworkNameRule =
        "letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore";

    public static void ValidateCacheName(string? name, string parameterName = "Name")
    {
        if (!IsValidCacheName(name))
        {
            throw new ValidationException(ValidationErrorIds.InvalidCacheName, parameterName,
                $"Cache name {Quote(name)} is not valid: it must be 1-63 characters of letters, digits and hyphens, start and end with a letter or digit, and have no consecutive hyphens. Choose another name.");
        }
    }

    public static void ValidateResourceGroupName(string? name, string parameterName = "ResourceGroupName")
    {
        if (!IsValidResourceGroupName(name))
        {
            throw new ValidationException(ValidationErrorIds.InvalidResourceGroupName, parameterName,
                $"Resource group name {Quote(name)} is not valid: it must be 1-90 characters of letters, digits, underscores, hyphens, periods and parentheses, and must not end with a period. Choose another name.");
        }
    }

    public static void ValidateVirtualNetworkName(string? name, string parameterName = "VirtualNetworkName")
    {
        if (!IsValidNetworkName(name, minLength: 2, maxLength: 64))
        {
            throw new ValidationException(ValidationErrorIds.InvalidVirtualNetworkName, parameterName,
                $"Virtual network name {Quote(name)} is not valid: it must be 2-64 characters of {NetworkNameRule}. Choose another name.");
        }
    }

    public static void ValidateSubnetName(string? name, string parameterName = "SubnetName")
    {
        if (!IsValidNetworkName(name, minLength: 1, maxLength: 80))
        {
            throw new ValidationException(ValidationErrorIds.InvalidSubnetName, parameterName,
                $"Subnet name {Quote(name)} is not valid: it must be 1-80 characters of {NetworkNameRule}. Choose another name.");
        }
    }

    public static void ValidatePrivateEndpointName(string? name, string parameterName = "PrivateEndpointName")
    {
        if (!IsValidNetworkName(name, minLength: 2, maxLength: 64))
        {
            throw new ValidationException(ValidationErrorIds.InvalidPrivateEndpointName, parameterName,
                $"Private endpoint name {Quote(name)} is not valid: it must be 2-64 characters of {NetworkNameRule}. Choose another name.");
        }
    }

    /// <summary>
    /// Checks tags against Azure's limits. Tag names are case-insensitive in Azure, so two names differing only in case
    /// are refused here rather than silently merged by ARM.
    /// </summary>
    public static void ValidateTags(IEnumerable<KeyValuePair<string, string?>>? tags, string parameterName = "Tag")
    {
        if (tags is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in tags)
        {
            var name = tag.Key;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw InvalidTag(parameterName, "A tag has an empty name. Give every tag a name.");
            }

            if (name.Length > MaxTagNameLength)
            {
                throw InvalidTag(parameterName,
                    $"Tag name '{Truncate(name)}' is {name.Length} characters long; Azure allows at most {MaxTagNameLength}. Shorten the name.");
            }

            var forbidden = name.FirstOrDefault(c => TagNameForbiddenCharacters.IndexOf(c) >= 0);
            if (forbidden != default(char))
            {
                throw InvalidTag(parameterName,
                    $"Tag name '{Truncate(name)}' contains '{forbidden}'; tag names cannot contain any of < > % & \\ ? /. Rename the tag.");
            }

            if (!seen.Add(name))
            {
                throw InvalidTag(parameterName,
                    $"Tag name '{Truncate(name)}' is given more than once (Azure tag names are case-insensitive). Keep one of them.");
            }

            if (tag.Value is { Length: > MaxTagValueLength } value)
            {
                throw InvalidTag(parameterName,
                    $"The value of tag '{Truncate(name)}' is {value.Length} characters long; Azure allows at most {MaxTagValueLength}. Shorten the value.");
            }
        }

        if (seen.Count > MaxTagCount)
        {
            throw InvalidTag(parameterName,
                $"{seen.Count} tags were given; Azure allows at most {MaxTagCount} per resource. Remove {seen.Count - MaxTagCount} of them.");
        }
    }

    public static bool IsValidCacheName(string? name) =>
        name is { Length: >= 1 and <= 63 }
        && name.All(c => IsAsciiLetterOrDigit(c) || c == '-')
        && IsAsciiLetterOrDigit(name[0])
        && IsAsciiLetterOrDigit(name[name.Length - 1])
        && name.IndexOf("--", StringComparison.Ordinal) < 0;

    public static bool IsValidResourceGroupName(string? name) =>
        name is { Length: >= 1 and <= 90 }
        && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '(' or ')')
        && name[name.Length - 1] != '.';

    private static bool IsValidNetworkName(string? name, int minLength, int maxLength) =>
        name is not null
        && name.Length >= minLength
        && name.Length <= maxLength
        && name.All(c => IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
        && IsAsciiLetterOrDigit(name[0])
        && (IsAsciiLetterOrDigit(name[name.Length - 1]) || name[name.Length - 1] == '_');

    internal static bool IsAsciiLetterOrDigit(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    internal static string Quote(string? value) => value is null ? "(none)" : $"'{value}'";

    /// <summary>Keeps a message readable when the offending value is hundreds of characters long.</summary>
    private static string Truncate(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "...";

    private static ValidationException InvalidTag(string parameterName, string message) =>
        new(ValidationErrorIds.InvalidTag, parameterName, message);
}
