using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace RedisPrivateLink.Engine.Tests.Infrastructure;

/// <summary>A credential that hands out a fixed token and remembers the scopes asked for.</summary>
internal sealed class StaticCredential : TokenCredential
{
    public string? LastScope { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        LastScope = string.Join(" ", requestContext.Scopes);
        return new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
