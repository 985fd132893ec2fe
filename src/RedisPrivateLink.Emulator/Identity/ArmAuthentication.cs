using System.Globalization;
using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Identity;

/// <summary>
/// ARM's checks of the bearer token, for the tokens this emulator issued: the audience is ARM's, the token has not
/// expired, and it comes from the tenant of the subscription it is used on. Other bearer tokens (the emulator's
/// static one) pass unless the emulator runs with strict authentication.
/// </summary>
internal static class ArmAuthentication
{
    /// <summary>The audiences ARM accepts, as its InvalidAuthenticationTokenAudience message lists them.</summary>
    public static readonly string[] ArmAudiences =
        ["https://management.core.windows.net/", "https://management.core.windows.net", "https://management.azure.com/", "https://management.azure.com"];

    /// <returns>The token's oid when the emulator issued it, for authorization; null for other tokens.</returns>
    public static string? Require(string? authorization, string path, EmulatorContext emulator)
    {
        if (authorization is null)
        {
            throw new ArmException(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }

        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        if (token.Length == 0)
        {
            throw new ArmException(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is provided in an invalid format.");
        }

        var claims = emulator.Tokens.ReadSigned(token);
        if (claims is null)
        {
            if (emulator.Options.StrictAuthentication)
            {
                throw new ArmException(401, "InvalidAuthenticationToken", "The access token is invalid.");
            }

            return null;
        }

        var audience = claims["aud"]?.GetValue<string>() ?? "";
        if (!ArmAudiences.Contains(audience, StringComparer.Ordinal))
        {
            throw new ArmException(401, "InvalidAuthenticationTokenAudience",
                $"The access token has been obtained for wrong audience or resource '{audience}'. It should exactly match with one of the allowed audiences {string.Join(",", ArmAudiences.Select(a => $"'{a}'"))}.");
        }

        var expiresOn = DateTimeOffset.FromUnixTimeSeconds(claims["exp"]?.GetValue<long>() ?? 0);
        var now = emulator.Now;
        if (expiresOn <= now)
        {
            throw new ArmException(401, "ExpiredAuthenticationToken",
                $"The access token expiry UTC time '{Format(expiresOn)}' is earlier than current UTC time '{Format(now)}'.");
        }

        var segments = path.Trim('/').Split('/');
        var subscriptionId = segments.Length > 1 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? segments[1] : null;
        var tenantId = claims["tid"]?.GetValue<string>() ?? "";
        var subscriptionTenant = subscriptionId is null ? null : emulator.Subscriptions.Find(subscriptionId)?.TenantId;
        if (subscriptionTenant is not null && !tenantId.Equals(subscriptionTenant, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArmException(401, "InvalidAuthenticationTokenTenant",
                $"The access token is from the wrong issuer 'https://sts.windows.net/{tenantId}/'. It must match the tenant " +
                $"'https://sts.windows.net/{subscriptionTenant}/' associated with this subscription. Please use the authority (URL) " +
                $"'https://login.windows.net/{subscriptionTenant}' to get the token. Note, if the subscription is transferred to another " +
                "tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). " +
                "If you just transferred your subscription and see this error message, please try back later.");
        }

        return claims["oid"]?.GetValue<string>();
    }

    /// <summary>ARM writes these times in .NET's invariant general format: '6/15/2026 8:22:51 AM'.</summary>
    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture);
}
