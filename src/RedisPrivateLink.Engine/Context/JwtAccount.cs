using System;
using System.Text;
using System.Text.Json;

namespace RedisPrivateLink.Engine.Context;

/// <summary>Reads who a JWT access token belongs to and when it expires, from its payload only; the token itself is never logged or kept.</summary>
internal static class JwtAccount
{
    /// <summary>The upn, unique_name, appid or oid claim, in that order of preference; null when the token isn't a readable JWT.</summary>
    public static string? AccountOf(string token) => ReadPayload(token, payload =>
    {
        foreach (var claim in new[] { "upn", "unique_name", "preferred_username", "appid", "azp", "oid" })
        {
            if (payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString()))
            {
                return value.GetString();
            }
        }

        return null;
    });

    public static DateTimeOffset? ExpiresOn(string token) => ReadPayload<DateTimeOffset?>(token, payload =>
        payload.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null);

    public static string? TenantOf(string token) => ReadPayload(token, payload =>
        payload.TryGetProperty("tid", out var tid) && tid.ValueKind == JsonValueKind.String ? tid.GetString() : null);

    private static T? ReadPayload<T>(string token, Func<JsonElement, T?> read)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return default;
        }

        try
        {
            var base64 = parts[1].Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : default;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return default;
        }
    }
}
