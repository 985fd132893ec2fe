namespace RedisPrivateLink.Engine.Context;

/// <summary>How Connect-RedisPrivateLink signs in.</summary>
public enum CredentialKind
{
    /// <summary>Azure.Identity's DefaultAzureCredential chain (environment, workload identity, managed identity, Azure CLI, ...).</summary>
    Default,
    ManagedIdentity,
    ServicePrincipalSecret,
    ServicePrincipalCertificate,
    DeviceCode,

    /// <summary>A bearer token obtained elsewhere (e.g. Get-AzAccessToken); it is not refreshed.</summary>
    AccessToken,

    /// <summary>Az.Accounts' current context (Connect-AzAccount): its tokens, from Get-AzAccessToken, renewed before expiry.</summary>
    AzContext,

    /// <summary>The local ARM emulator, described by its connection file.</summary>
    Emulator,
}
