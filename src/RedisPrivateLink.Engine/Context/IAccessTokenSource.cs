using System;
using System.Threading;

namespace RedisPrivateLink.Engine.Context;

/// <summary>
/// Tokens from another sign-in, for <see cref="CredentialKind.AzContext"/>: the cmdlets implement it over Az.Accounts'
/// Get-AzAccessToken. Disposed with the context that uses it.
/// </summary>
public interface IAccessTokenSource : IDisposable
{
    /// <summary>A token whose audience is <paramref name="resource"/> (a resource URL such as https://management.azure.com).</summary>
    ExternalAccessToken GetToken(string resource, CancellationToken cancellationToken);
}
