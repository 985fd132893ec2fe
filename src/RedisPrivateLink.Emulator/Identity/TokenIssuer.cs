using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Identity;

/// <summary>
/// Issues and checks the emulator's access tokens: JWTs with Entra's claims (aud, iss, tid, oid, appid, idtyp, iat,
/// nbf, exp), signed with a key that lives only as long as this emulator, so only tokens it issued pass its signature check.
/// </summary>
internal sealed class TokenIssuer(TimeProvider clock, TimeSpan lifetime)
{
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);

    public TimeSpan Lifetime => lifetime;

    public IssuedToken Issue(string tenantId, string objectId, string applicationId, string audience, string identityType)
    {
        var now = clock.GetUtcNow();
        var expiresOn = now + lifetime;
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{tenantId}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expiresOn.ToUnixTimeSeconds(),
            ["appid"] = applicationId,
            ["idtyp"] = identityType,
            ["oid"] = objectId,
            ["sub"] = objectId,
            ["tid"] = tenantId,
        };
        var unsigned = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""")) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return new IssuedToken(unsigned + "." + Sign(unsigned), now, expiresOn);
    }

    /// <summary>The claims of a token this emulator signed; null for anything else (another issuer's, altered, not a JWT).</summary>
    public JsonObject? ReadSigned(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
        }
        catch (Exception error) when (error is JsonException or FormatException)
        {
            return null;
        }
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private string Sign(string unsigned) => Base64Url(HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(unsigned)));
}

internal sealed record IssuedToken(string AccessToken, DateTimeOffset IssuedOn, DateTimeOffset ExpiresOn);
