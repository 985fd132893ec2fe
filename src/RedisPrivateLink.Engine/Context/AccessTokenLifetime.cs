using System;
using System.Globalization;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Context;

/// <summary>
/// A static -AccessToken is never renewed: a plan that outlives it fails half way, with ARM's ExpiredAuthenticationToken.
/// Checked before any write against how long the plan takes at Azure's pace (scaled on the emulator).
/// </summary>
public static class AccessTokenLifetime
{
    /// <summary>A cache create: 15-30 minutes in Microsoft's create quickstarts; the recorded 2024-11-01 create took 29.</summary>
    public static readonly TimeSpan CacheCreatePlan = TimeSpan.FromMinutes(30);

    /// <summary>Convert: export, create and import, 15 + 30 + 15 minutes (as the storage SAS check counts them).</summary>
    public static readonly TimeSpan MigrationPlan = TimeSpan.FromMinutes(60);

    public const string ErrorId = "AccessTokenExpiresTooSoon";

    /// <summary>
    /// Null when the context's token lasts the plan (or is renewed, or its expiry is unknown); with
    /// <paramref name="force"/> a warning; otherwise a ValidationException AccessTokenExpiresTooSoon naming both times.
    /// </summary>
    public static string? Check(RedisPrivateLinkContext context, TimeSpan azurePlanDuration, bool force, DateTimeOffset now)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (context.StaticTokenExpiresOn is not { } expiresOn)
        {
            return null;
        }

        var planEnd = now + context.Clock.Scale(azurePlanDuration);
        if (expiresOn >= planEnd)
        {
            return null;
        }

        var message = $"The -AccessToken of this context expires at {Format(expiresOn)}, before this plan is expected to end ({Format(planEnd)}), and it cannot be renewed: the plan would stop half way with ExpiredAuthenticationToken.";
        return force
            ? message + " Going on because of -Force; run the command again with a fresh token if it stops."
            : throw new ValidationException(ErrorId, "AccessToken",
                message + " Connect with a token that lasts longer, or with a credential that renews its tokens (-Identity, -ServicePrincipal, -FromAzContext).");
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
