using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Runtime;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Connect-RedisPrivateLink: builds a context (cloud, subscription, credential), checks it against ARM, makes it the
/// session default and writes it to the pipeline.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "RedisPrivateLink", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(RedisPrivateLinkContext))]
public sealed class ConnectRedisPrivateLinkCommand : RedisPrivateLinkCmdlet
{
    private const string DefaultSet = "DefaultCredential";
    private const string IdentitySet = "ManagedIdentity";
    private const string SecretSet = "ServicePrincipalSecret";
    private const string CertificatePathSet = "ServicePrincipalCertificatePath";
    private const string CertificateThumbprintSet = "ServicePrincipalCertificateThumbprint";
    private const string DeviceCodeSet = "DeviceCode";
    private const string AccessTokenSet = "AccessToken";
    private const string EmulatorSet = "Emulator";
    private const string AzContextSet = "AzContext";

    [Parameter]
    [ValidateSet("AzureCloud", "AzureUSGovernment", "AzureChinaCloud")]
    public string Environment { get; set; } = "AzureCloud";

    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = IdentitySet)]
    [Parameter(ParameterSetName = SecretSet)]
    [Parameter(ParameterSetName = CertificatePathSet)]
    [Parameter(ParameterSetName = CertificateThumbprintSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public Uri? ResourceManagerUrl { get; set; }

    [Parameter]
    [Alias("SubscriptionId", "SubscriptionName")]
    [ValidateNotNullOrEmpty]
    public string? Subscription { get; set; }

    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
    [Parameter(ParameterSetName = CertificatePathSet, Mandatory = true)]
    [Parameter(ParameterSetName = CertificateThumbprintSet, Mandatory = true)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string? Tenant { get; set; }

    [Parameter(ParameterSetName = IdentitySet, Mandatory = true)]
    [Alias("ManagedIdentity")]
    public SwitchParameter Identity { get; set; }

    [Parameter(ParameterSetName = IdentitySet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
    [Parameter(ParameterSetName = CertificatePathSet, Mandatory = true)]
    [Parameter(ParameterSetName = CertificateThumbprintSet, Mandatory = true)]
    public SwitchParameter ServicePrincipal { get; set; }

    /// <summary>The application (client) id as user name and the client secret as password.</summary>
    [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
    [ValidateNotNull]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(ParameterSetName = CertificatePathSet, Mandatory = true)]
    [Parameter(ParameterSetName = CertificateThumbprintSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? ApplicationId { get; set; }

    [Parameter(ParameterSetName = CertificatePathSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    [Parameter(ParameterSetName = CertificatePathSet)]
    [ValidateNotNull]
    public SecureString? CertificatePassword { get; set; }

    [Parameter(ParameterSetName = CertificateThumbprintSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    [Parameter(ParameterSetName = DeviceCodeSet, Mandatory = true)]
    [Alias("DeviceCode")]
    public SwitchParameter UseDeviceAuthentication { get; set; }

    [Parameter(ParameterSetName = AccessTokenSet, Mandatory = true)]
    [ValidateNotNull]
    public SecureString? AccessToken { get; set; }

    [Parameter(ParameterSetName = AccessTokenSet)]
    [ValidateNotNullOrEmpty]
    public string? AccountId { get; set; }

    /// <summary>
    /// Binds by property name too, so the emulator Start-RedisPrivateLinkEmulator (RedisPrivateLink.Emulator) returns
    /// pipes straight in: <c>Start-RedisPrivateLinkEmulator | Connect-RedisPrivateLink</c>. With -Identity or
    /// -ServicePrincipal it names the emulator that plays the cloud, and the sign-in is real: against its identity endpoints.
    /// </summary>
    [Parameter(ParameterSetName = EmulatorSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = IdentitySet)]
    [Parameter(ParameterSetName = SecretSet)]
    [Parameter(ParameterSetName = CertificatePathSet)]
    [Parameter(ParameterSetName = AzContextSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [ValidateNotNullOrEmpty]
    public string? EmulatorConnectionFile { get; set; }

    /// <summary>Az.Accounts' current context (Connect-AzAccount): its subscription, tenant and cloud, and its tokens.</summary>
    [Parameter(ParameterSetName = AzContextSet, Mandatory = true)]
    public SwitchParameter FromAzContext { get; set; }

    protected override void ProcessRecord()
    {
        ConnectRequest request;
        try
        {
            request = BuildRequest();
        }
        catch (RedisPrivateLinkException ex)
        {
            ThrowTerminatingError(EngineErrors.ToErrorRecord(ex, null));
            return;
        }

        RedisPrivateLinkContext context;
        try
        {
            context = RunEngine(token => ContextFactory.ConnectAsync(request, token));
        }
        catch
        {
            // A context owns its token source; without one, nothing else will close the source's runspace.
            request.TokenSource?.Dispose();
            throw;
        }

        SessionContext.Replace(context)?.Dispose();
        WriteVerbose($"Connected to subscription '{context.SubscriptionName}' ({context.SubscriptionId}) in {context.Environment} as {context.Account}.");
        WriteObject(context);
    }

    /// <summary>
    /// Subscription, tenant, cloud and account from Get-AzContext; tokens from Get-AzAccessToken of the same
    /// Az.Accounts. Its Environment: a cloud this module knows by name, or else its ResourceManagerUrl and audience.
    /// </summary>
    private void FillFromAzContext(ConnectRequest request)
    {
        var getAccessToken = InvokeCommand.GetCommand("Get-AzAccessToken", CommandTypes.Cmdlet | CommandTypes.Function);
        if (getAccessToken is null || InvokeCommand.GetCommand("Get-AzContext", CommandTypes.Cmdlet | CommandTypes.Function) is null)
        {
            throw new RedisPrivateLinkException("AzAccountsNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                "-FromAzContext reuses Az.Accounts' sign-in, but Get-AzContext and Get-AzAccessToken are not available. Install and import Az.Accounts, and run Connect-AzAccount first.");
        }

        var azContext = InvokeCommand.InvokeScript("Get-AzContext").FirstOrDefault(o => o is not null)
            ?? throw new RedisPrivateLinkException("AzContextNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                "Az.Accounts has no current context. Run Connect-AzAccount (in a runbook: Connect-AzAccount -Identity) first.");
        var subscription = AzAccessTokenSource.ValueOf(azContext, "Subscription") is { } s ? PSObject.AsPSObject(s) : null;
        var tenant = AzAccessTokenSource.ValueOf(azContext, "Tenant") is { } t ? PSObject.AsPSObject(t) : null;
        var environment = AzAccessTokenSource.ValueOf(azContext, "Environment") is { } e ? PSObject.AsPSObject(e) : null;
        var account = AzAccessTokenSource.ValueOf(azContext, "Account") is { } a ? PSObject.AsPSObject(a) : null;

        request.CredentialKind = CredentialKind.AzContext;
        request.Subscription ??= AzAccessTokenSource.ValueOf(subscription, "Id") as string;
        request.Tenant = AzAccessTokenSource.ValueOf(tenant, "Id") as string ?? AzAccessTokenSource.ValueOf(subscription, "TenantId") as string;
        request.AccountId = AzAccessTokenSource.ValueOf(account, "Id") as string;
        var environmentName = AzAccessTokenSource.ValueOf(environment, "Name") as string;
        if (AzureCloudEnvironment.All.Any(cloud => cloud.Name.Equals(environmentName, StringComparison.OrdinalIgnoreCase)))
        {
            request.Environment = environmentName;
        }
        else if (request.EmulatorConnectionFile is null
                 && Uri.TryCreate(AzAccessTokenSource.ValueOf(environment, "ResourceManagerUrl") as string, UriKind.Absolute, out var resourceManagerUrl))
        {
            request.ResourceManagerUrl = resourceManagerUrl;
            request.Audience = AzAccessTokenSource.ValueOf(environment, "ActiveDirectoryServiceEndpointResourceId") as string;
        }

        request.TokenSource = AzAccessTokenSource.Open(getAccessToken, request.Tenant);
    }

    private ConnectRequest BuildRequest()
    {
        var request = new ConnectRequest
        {
            Environment = Environment,
            ResourceManagerUrl = ResourceManagerUrl,
            Subscription = Subscription,
            Tenant = Tenant,
        };

        if (EmulatorConnectionFile is not null)
        {
            request.EmulatorConnectionFile = SessionState.Path.GetUnresolvedProviderPathFromPSPath(EmulatorConnectionFile);
        }

        switch (ParameterSetName)
        {
            case IdentitySet:
                request.CredentialKind = CredentialKind.ManagedIdentity;
                request.ClientId = ClientId;
                break;
            case SecretSet:
                request.CredentialKind = CredentialKind.ServicePrincipalSecret;
                request.ClientId = Credential!.UserName;
                request.ClientSecret = Credential.Password;
                break;
            case CertificatePathSet:
                request.CredentialKind = CredentialKind.ServicePrincipalCertificate;
                request.ClientId = ApplicationId;
                request.CertificatePath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath);
                request.CertificatePassword = CertificatePassword;
                break;
            case CertificateThumbprintSet:
                request.CredentialKind = CredentialKind.ServicePrincipalCertificate;
                request.ClientId = ApplicationId;
                request.CertificateThumbprint = CertificateThumbprint;
                break;
            case DeviceCodeSet:
                request.CredentialKind = CredentialKind.DeviceCode;
                request.DeviceCodePrompt = message => WriteWarningFromTask(message);
                break;
            case AccessTokenSet:
                request.CredentialKind = CredentialKind.AccessToken;
                request.AccessToken = AccessToken;
                request.AccountId = AccountId;
                break;
            case EmulatorSet:
                request.CredentialKind = CredentialKind.Emulator;
                break;
            case AzContextSet:
                FillFromAzContext(request);
                break;
            default:
                request.CredentialKind = CredentialKind.Default;
                break;
        }

        return request;
    }
}
