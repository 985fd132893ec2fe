using System;
using System.Net;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>
/// A Microsoft Entra access token for Redis data access and the user name Redis expects beside it: Azure Cache for
/// Redis and Azure Managed Redis take <c>AUTH &lt;object id&gt; &lt;token&gt;</c>, the object id being the token's
/// <c>oid</c> claim. The token stays in a SecureString; only the object id is ever shown.
/// </summary>
public sealed class RedisEntraToken
{
    /// <summary>
    /// The scope of a Redis data-plane token. Microsoft's own client library (Microsoft.Azure.StackExchangeRedis) uses
    /// this one for every cloud; the cloud decides only the authority that issues it.
    /// </summary>
    public const string Scope = "https://redis.azure.com/.default";

    private RedisEntraToken(string objectId, SecureString token)
    {
        ObjectId = objectId;
        Token = token;
    }

    /// <summary>The principal's object id, Redis's user name for it.</summary>
    public string ObjectId { get; }

    public SecureString Token { get; }

    /// <summary>A token obtained elsewhere (Get-AzAccessToken -ResourceUrl https://redis.azure.com -AsSecureString).</summary>
    /// <exception cref="RedisPrivateLinkException">InvalidEntraToken: not a JWT, or no <c>oid</c> claim.</exception>
    public static RedisEntraToken FromAccessToken(SecureString token)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        return new RedisEntraToken(ObjectIdOf(new NetworkCredential(string.Empty, token).Password), token.IsReadOnly() ? token : ReadOnlyCopy(token));
    }

    /// <summary>A token for <see cref="Scope"/> from the context's sign-in.</summary>
    /// <exception cref="RedisPrivateLinkException">EntraTokenUnavailable: the context's credential cannot issue one (or it is the emulator's static sign-in).</exception>
    public static Task<RedisEntraToken> AcquireAsync(RedisPrivateLinkContext context, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        // Only the emulator's static token has no identity; a managed identity or service principal signed in at the
        // emulator gets a token with its object id as it would from Entra.
        if (context.CredentialType == nameof(CredentialKind.Emulator))
        {
            throw Unavailable("the emulator's sign-in has no Microsoft Entra identity. Give a token with -EntraToken instead", null);
        }

        return AcquireAsync(context.GetCredential(), cancellationToken);
    }

    internal static async Task<RedisEntraToken> AcquireAsync(TokenCredential credential, CancellationToken cancellationToken)
    {
        AccessToken token;
        try
        {
            token = await credential.GetTokenAsync(new TokenRequestContext(new[] { Scope }), cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationFailedException ex)
        {
            throw Unavailable($"getting a token for {Scope} failed: {ex.Message.Trim()}", ex);
        }

        var secure = new SecureString();
        foreach (var character in token.Token)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return new RedisEntraToken(ObjectIdOf(token.Token), secure);
    }

    /// <summary>The <c>oid</c> claim of a JWT's payload; the signature is Redis's to check, not ours.</summary>
    private static string ObjectIdOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length == 3)
        {
            try
            {
                using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
                if (payload.RootElement.ValueKind == JsonValueKind.Object
                    && payload.RootElement.TryGetProperty("oid", out var oid) && oid.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(oid.GetString()))
                {
                    return oid.GetString()!;
                }
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                // Reported below, without echoing any part of the token.
            }
        }

        throw new RedisPrivateLinkException("InvalidEntraToken", RedisPrivateLinkErrorCategory.InvalidArgument,
            $"The token is not a Microsoft Entra access token with an 'oid' claim, which Redis needs as the user name. Get one for Redis with: (Get-AzAccessToken -ResourceUrl https://redis.azure.com -AsSecureString).Token",
            "EntraToken");
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private static SecureString ReadOnlyCopy(SecureString token)
    {
        var copy = token.Copy();
        copy.MakeReadOnly();
        return copy;
    }

    private static RedisPrivateLinkException Unavailable(string reason, Exception? inner) =>
        new("EntraTokenUnavailable", RedisPrivateLinkErrorCategory.AuthenticationError,
            $"No Microsoft Entra token for Redis: {reason}.", Scope, inner);
}
