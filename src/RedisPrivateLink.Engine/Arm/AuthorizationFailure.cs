using System.Text.RegularExpressions;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// The action and scope ARM names when it refuses a request for want of a role: 403 AuthorizationFailed ("… does not
/// have authorization to perform action '{action}' over scope '{scope}' …", as Azure/ARO-RP#66 quotes it) and 403
/// LinkedAuthorizationFailed for a resource the write links to ("… does not have permission to perform action(s)
/// '{action}' on the linked scope(s) '{scope}' …", microsoft/planetary-computer-hub#25). Never retried: only a role
/// assignment changes the answer.
/// </summary>
public static class AuthorizationFailure
{
    public const string AuthorizationFailedCode = "AuthorizationFailed";
    public const string LinkedAuthorizationFailedCode = "LinkedAuthorizationFailed";

    private static readonly Regex Denied = new(
        @"perform action '(?<action>[^']+)' over scope '(?<scope>[^']+)'", RegexOptions.CultureInvariant);

    private static readonly Regex LinkedDenied = new(
        @"does not have permission to perform action(?:\(s\))? '(?<action>[^']+)' on the linked scope(?:\(s\))? '(?<scope>[^']+)'", RegexOptions.CultureInvariant);

    /// <summary>The permission ARM's 403 names as missing, or null when the code or message is another.</summary>
    public static ArmPermission? MissingPermission(string? code, string? message)
    {
        var pattern = code == AuthorizationFailedCode ? Denied : code == LinkedAuthorizationFailedCode ? LinkedDenied : null;
        var match = message is null ? null : pattern?.Match(message);
        return match is { Success: true } ? new ArmPermission(match.Groups["action"].Value, match.Groups["scope"].Value) : null;
    }
}
