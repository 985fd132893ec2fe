using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace RedisPrivateLink.Engine.Context;

/// <summary>A credential that hands out one given token (an access token from elsewhere, or the emulator's fixed one). It keeps it in memory only.</summary>
internal sealed class StaticTokenCredential : TokenCredential
{
    private readonly AccessToken _token;

    public StaticTokenCredential(string token, DateTimeOffset expiresOn, bool expiryKnown = true)
    {
        _token = new AccessToken(token, expiresOn);
        ExpiryKnown = expiryKnown;
    }

    /// <summary>When the token expires: from its exp claim, or assumed when it has none (<see cref="ExpiryKnown"/> false).</summary>
    public DateTimeOffset ExpiresOn => _token.ExpiresOn;

    public bool ExpiryKnown { get; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(_token);
}
