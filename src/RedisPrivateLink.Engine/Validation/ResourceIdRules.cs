using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// Checks a resource id the user gave (-SubnetId and the like) before it is put into a URL: the expected type, a
/// well-formed path with nothing that could change which URL is called. Any subscription is accepted: a landing zone
/// spreads one job over several (the workflows check that the credential can see it).
/// </summary>
public static class ResourceIdRules
{
    public const string VirtualNetworkType = "Microsoft.Network/virtualNetworks";
    public const string SubnetType = "Microsoft.Network/virtualNetworks/subnets";
    public const string PrivateEndpointType = "Microsoft.Network/privateEndpoints";
    public const string PrivateDnsZoneType = "Microsoft.Network/privateDnsZones";
    public const string RedisCacheType = "Microsoft.Cache/redis";

    private const string ExpectedForm = "/subscriptions/{subscription-guid}/resourceGroups/{group}/providers/{namespace}/{type}/{name}";

    /// <summary>
    /// Parses <paramref name="resourceId"/> as a resource of <paramref name="expectedType"/> (compared
    /// case-insensitively, since ARM answers with other casing than sent).
    /// </summary>
    public static ValidatedResourceId Parse(string? resourceId, string expectedType, string parameterName)
    {
        if (string.IsNullOrEmpty(expectedType))
        {
            throw new ArgumentException("The expected resource type is required.", nameof(expectedType));
        }

        var id = ParseStructure(resourceId, expectedType, parameterName);

        if (!string.Equals(id.FullType, expectedType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException(ValidationErrorIds.WrongResourceType, parameterName,
                $"Resource id '{resourceId}' is a {id.FullType} but a {expectedType} is expected here. Give the id of a {expectedType}.");
        }

        // Report the type in the casing the module uses, whatever casing the user or ARM wrote.
        var canonicalTypes = expectedType.Split('/');
        return new ValidatedResourceId(id.SubscriptionId, id.ResourceGroupName, canonicalTypes[0],
            canonicalTypes.Skip(1).ToArray(), id.Names);
    }

    private static ValidatedResourceId ParseStructure(string? resourceId, string expectedType, string parameterName)
    {
        if (string.IsNullOrEmpty(resourceId))
        {
            throw Invalid(parameterName, $"A resource id is required. Give the id of a {expectedType} in the form {ExpectedForm}.");
        }

        var value = resourceId!;
        var forbiddenAt = IndexOfForbiddenCharacter(value);
        if (forbiddenAt >= 0)
        {
            // Show only what precedes the character: after '?' or '#' may come a SAS token, and control characters
            // would garble the message.
            throw Invalid(parameterName,
                $"Resource id '{value.Substring(0, forbiddenAt)}...' contains {Describe(value[forbiddenAt])} at position {forbiddenAt + 1}. A resource id has no blanks, control characters, '?', '#', '%' or '\\'. Remove it, or copy the id from the resource's Id property.");
        }

        var segments = value.Split('/');
        if (segments[0].Length != 0)
        {
            throw Invalid(parameterName, $"Resource id '{value}' does not start with '/'. Give it in the form {ExpectedForm}.");
        }

        segments = segments.Skip(1).ToArray();
        if (segments.Any(s => s is "." or ".."))
        {
            throw Invalid(parameterName, $"Resource id '{value}' contains a '.' or '..' segment. Give the resource's id itself, in the form {ExpectedForm}.");
        }

        if (segments.Any(s => s.Length == 0))
        {
            throw Invalid(parameterName, $"Resource id '{value}' has an empty segment ('//' or a trailing '/'). Remove it; the form is {ExpectedForm}.");
        }

        if (segments.Length < 8 || segments.Length % 2 != 0
            || !Keyword(segments[0], "subscriptions") || !Keyword(segments[2], "resourceGroups") || !Keyword(segments[4], "providers"))
        {
            throw Invalid(parameterName, $"Resource id '{value}' is not a resource id of the form {ExpectedForm}. Give the id of a {expectedType}.");
        }

        if (!Guid.TryParseExact(segments[1], "D", out var subscription))
        {
            throw Invalid(parameterName, $"Resource id '{value}' has '{segments[1]}' where a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000) belongs. Correct the subscription id.");
        }

        if (!NameRules.IsValidResourceGroupName(segments[3]))
        {
            throw Invalid(parameterName, $"Resource id '{value}' names resource group '{segments[3]}', which is not a valid resource group name. Correct the resource group.");
        }

        if (!segments[5].Split('.').All(part => part.Length > 0 && part.All(NameRules.IsAsciiLetterOrDigit)))
        {
            throw Invalid(parameterName, $"Resource id '{value}' has '{segments[5]}' where a provider namespace such as Microsoft.Network belongs. Correct the namespace.");
        }

        var types = new List<string>();
        var names = new List<string>();
        for (var i = 6; i < segments.Length; i += 2)
        {
            types.Add(segments[i]);
            names.Add(segments[i + 1]);
        }

        return new ValidatedResourceId(subscription.ToString("D"), segments[3], segments[5], types, names);
    }

    private static int IndexOfForbiddenCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '?' or '#' or '%' or '\\')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"a blank or control character (U+{(int)c:X4})" : $"'{c}'";

    private static bool Keyword(string segment, string keyword) => string.Equals(segment, keyword, StringComparison.OrdinalIgnoreCase);

    private static ValidationException Invalid(string parameterName, string message) =>
        new(ValidationErrorIds.InvalidResourceId, parameterName, message);
}
