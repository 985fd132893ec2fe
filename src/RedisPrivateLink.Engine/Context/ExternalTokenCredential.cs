using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace RedisPrivateLink.Engine.Context;

/// <summary>
/// A credential that asks another sign-in for each token (Az.Accounts' current context, through Get-AzAccessToken).
/// The gateway's bearer policy asks again before the token it holds expires, so tokens are renewed as Azure.Identity's are.
/// </summary>
internal sealed class ExternalTokenCredential : TokenCredential, IDisposable
{
    private const string DefaultScopeSuffix = "/.default";

    private readonly IAccessTokenSource _source;

    public ExternalTokenCredential(IAccessTokenSource source) => _source = source ?? throw new ArgumentNullException(nameof(source));

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var resource = ResourceOf(requestContext);
        ExternalAccessToken token;
        try
        {
            token = _source.GetToken(resource, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AuthenticationFailedException($"Getting a token for {resource} from the Az.Accounts context failed: {ex.Message.Trim()}", ex);
        }

        return new AccessToken(token.Token, token.ExpiresOn);
    }

    // The source runs PowerShell, which is synchronous: off the caller's thread so an async caller is not blocked.
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Task.Run(() => GetToken(requestContext, cancellationToken), cancellationToken));

    public void Dispose() => _source.Dispose();

    /// <summary>Get-AzAccessToken takes a resource URL: the scope without "/.default".</summary>
    internal static string ResourceOf(TokenRequestContext requestContext)
    {
        var scope = requestContext.Scopes.Length == 1 ? requestContext.Scopes[0] : throw new ArgumentException("Exactly one scope is expected.", nameof(requestContext));
        return scope.EndsWith(DefaultScopeSuffix, StringComparison.Ordinal) ? scope.Substring(0, scope.Length - DefaultScopeSuffix.Length) : scope;
    }
}
