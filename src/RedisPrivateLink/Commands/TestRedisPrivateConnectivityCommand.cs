using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Connectivity;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Test-RedisPrivateConnectivity: answers "why can't I connect to the private endpoint?" from where it runs. DNS, TCP,
/// TLS (certificate for the public name), optionally AUTH and PING, then what ARM says about the cache; one object per
/// check with its evidence and a hint, then a summary. With -HostName it needs no context and reads nothing from ARM.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RedisPrivateConnectivity", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(ConnectivityCheck), typeof(ConnectivityReport))]
[OutputType(typeof(bool))]
public sealed class TestRedisPrivateConnectivityCommand : ArmCmdlet
{
    private const string ByIdSet = "ByCacheId";
    private const string ByNameSet = "ByCacheName";
    private const string ByHostNameSet = "ByHostName";

    /// <summary>The cache's resource id; binds from the Id of a piped cache (ours or Az's).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "CacheId")]
    [ValidateNotNullOrEmpty]
    public string ResourceId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByNameSet, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("CacheName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByNameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ResourceGroupName { get; set; } = null!;

    /// <summary>The cache's public host name, e.g. cache1.redis.cache.windows.net or cache1.eastus.redis.azure.net; tests without ARM.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByHostNameSet)]
    [ValidateNotNullOrEmpty]
    public string HostName { get; set; } = null!;

    /// <summary>A DNS server to ask instead of the system resolver: an IP with an optional port.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DnsServer { get; set; }

    /// <summary>The TLS port; by default the cache's: 6380 for a classic cache, its database's (10000) for Managed Redis.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int Port { get; set; }

    [Parameter]
    public SecureString? AccessKey { get; set; }

    /// <summary>Reads the cache's primary key through ARM (listKeys; a Managed Redis cache's database's) for AUTH and PING; it is never output.</summary>
    [Parameter(ParameterSetName = ByIdSet)]
    [Parameter(ParameterSetName = ByNameSet)]
    public SwitchParameter UseAccessKey { get; set; }

    /// <summary>
    /// A Microsoft Entra access token for Redis (from Get-AzAccessToken -ResourceUrl https://redis.azure.com
    /// -AsSecureString); AUTH as its principal, the token's object id the user name. It is never output.
    /// </summary>
    [Parameter]
    public SecureString? EntraToken { get; set; }

    /// <summary>Gets a Microsoft Entra token for Redis with the context's sign-in for AUTH and PING; it is never output.</summary>
    [Parameter(ParameterSetName = ByIdSet)]
    [Parameter(ParameterSetName = ByNameSet)]
    public SwitchParameter UseEntraToken { get; set; }

    /// <summary>The virtual network this runs from; checks that the cache's private DNS zone is linked to it.</summary>
    [Parameter(ParameterSetName = ByIdSet)]
    [Parameter(ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    public string? VirtualNetworkId { get; set; }

    /// <summary>Returns only $true when every check that ran passed, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>How long each network step may take.</summary>
    [Parameter]
    [ValidateRange(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    protected override void ProcessRecord()
    {
        if ((AccessKey is null ? 0 : 1) + (UseAccessKey ? 1 : 0) + (EntraToken is null ? 0 : 1) + (UseEntraToken ? 1 : 0) > 1)
        {
            ThrowTerminating("ConflictingAuthentication", ErrorCategory.InvalidArgument,
                "Give one way to authenticate: -AccessKey or -UseAccessKey for an access key, -EntraToken or -UseEntraToken for Microsoft Entra.");
        }

        var entraToken = EntraToken is null ? null : ReadEntraToken(EntraToken);

        var dnsServer = DnsServer is null ? null : ParseDnsServer(DnsServer);
        // Read on the pipeline thread: the probe runs on a task.
        int? port = MyInvocation.BoundParameters.ContainsKey(nameof(Port)) ? Port : null;
        if (ParameterSetName == ByHostNameSet)
        {
            var options = ConnectivityProbeOptions.ForHostName(HostName);
            options.EntraToken = entraToken;
            RunEngine(token => ProbeAsync(options, dnsServer, port, token), HostName);
            return;
        }

        var context = ResolveContext();
        var virtualNetworkId = VirtualNetworkId is null ? null : ParseVirtualNetworkId(VirtualNetworkId);
        RunEngine(async token =>
        {
            // Inside the engine work, so a bad id or name becomes its own error record.
            var cacheId = ParameterSetName == ByIdSet
                ? CacheKind.ParseCacheId(ResourceId, nameof(ResourceId))
                : await CacheByName.FindIdAsync(context.GetArmGateway(), context.SubscriptionId, ResourceGroupName, Name, nameof(Name), nameof(ResourceId), token).ConfigureAwait(false);
            var options = await ConnectivityProbeOptions.ReadForCacheAsync(context.GetArmGateway(), context.SubscriptionId, cacheId, context.CloudEnvironment, token).ConfigureAwait(false)
                ?? throw MissingCache.Error(cacheId);
            options.VirtualNetworkId = virtualNetworkId;
            if (UseAccessKey)
            {
                options.AccessKey = await AccessKeyReader.ReadPrimaryKeyAsync(context.GetArmGateway(), cacheId, token).ConfigureAwait(false);
            }

            options.EntraToken = UseEntraToken ? await RedisEntraToken.AcquireAsync(context, token).ConfigureAwait(false) : entraToken;

            await ProbeAsync(options, dnsServer, port, token).ConfigureAwait(false);
        }, ParameterSetName == ByIdSet ? ResourceId : Name);
    }

    private async Task ProbeAsync(ConnectivityProbeOptions options, IPEndPoint? dnsServer, int? port, CancellationToken token)
    {
        options.DnsServer = dnsServer;
        options.Timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        options.AccessKey ??= AccessKey;
        options.Port = port ?? options.Port;

        var report = await new ConnectivityProbe(options).RunAsync(Quiet ? null : WriteObjectFromTask, token).ConfigureAwait(false);
        WriteObjectFromTask(Quiet ? report.AllPassed : report);
    }

    private ResourceId ParseVirtualNetworkId(string value)
    {
        if (Engine.Arm.ResourceId.TryParse(value, out var id) && id!.IsOfType("Microsoft.Network/virtualNetworks"))
        {
            return id;
        }

        ThrowTerminating("InvalidVirtualNetworkId", ErrorCategory.InvalidArgument,
            $"'{value}' is not a virtual network's resource id: give one such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>.", value);
        return null!;
    }

    private RedisEntraToken ReadEntraToken(SecureString token)
    {
        try
        {
            return RedisEntraToken.FromAccessToken(token);
        }
        catch (RedisPrivateLinkException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, "EntraToken"));
            return null!;
        }
    }

    private IPEndPoint ParseDnsServer(string value)
    {
        try
        {
            return DnsServerAddress.Parse(value);
        }
        catch (RedisPrivateLinkException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, value));
            return null!;
        }
    }
}
