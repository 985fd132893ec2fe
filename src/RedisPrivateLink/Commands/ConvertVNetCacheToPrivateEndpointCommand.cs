using System;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Convert-VNetCacheToPrivateEndpoint: the FAQ's "delete your VNet-injected cache and create a new one with a private
/// endpoint" as one resumable command that cannot lose the cache by accident: the source is deleted only after the
/// target is verified, and only after a confirmation (ShouldContinue) that -Force skips. The other steps follow
/// ConfirmImpact Medium, so they do not each ask.
/// </summary>
[Cmdlet(VerbsData.Convert, "VNetCacheToPrivateEndpoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = NewNameByIdSet)]
[OutputType(typeof(RedisPrivateCache))]
public sealed class ConvertVNetCacheToPrivateEndpointCommand : ArmCmdlet
{
    private const string NewNameByIdSet = "NewNameByCacheId";
    private const string NewNameByNameSet = "NewNameByCacheName";
    private const string ReuseNameByIdSet = "ReuseNameByCacheId";
    private const string ReuseNameByNameSet = "ReuseNameByCacheName";

    /// <summary>The VNet-injected cache's resource id; binds from the Id of a piped cache (ours or Az's).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NewNameByIdSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = ReuseNameByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "CacheId")]
    [ValidateNotNullOrEmpty]
    public string ResourceId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = NewNameByNameSet)]
    [Parameter(Mandatory = true, ParameterSetName = ReuseNameByNameSet)]
    [Alias("CacheName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = NewNameByNameSet)]
    [Parameter(Mandatory = true, ParameterSetName = ReuseNameByNameSet)]
    [ValidateNotNullOrEmpty]
    public string ResourceGroupName { get; set; } = null!;

    /// <summary>Side by side under a new name: no downtime, clients move to the new host name.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NewNameByIdSet)]
    [Parameter(Mandatory = true, ParameterSetName = NewNameByNameSet)]
    [ValidateNotNullOrEmpty]
    public string NewName { get; set; } = null!;

    /// <summary>Export, delete and recreate under the same name, so clients keep their host name; the cache is down meanwhile.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ReuseNameByIdSet)]
    [Parameter(Mandatory = true, ParameterSetName = ReuseNameByNameSet)]
    public SwitchParameter ReuseName { get; set; }

    [Parameter]
    [Alias("Subnet")]
    [ResourceIdTransformation]
    [ValidateNotNullOrEmpty]
    public string? SubnetId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SubnetName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SubnetPrefix { get; set; }

    /// <summary>
    /// Private endpoint network policies of a subnet the command creates; left out, none is sent and Azure's default
    /// (Disabled) applies. An existing subnet's are never changed.
    /// </summary>
    [Parameter]
    [ValidateSet("Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled")]
    public string? PrivateEndpointNetworkPolicy { get; set; }

    /// <summary>
    /// ExportImport (through -StorageContainerUri) or None (the target starts empty). No default: a run that deletes the
    /// source (every run but -KeepSource) is refused with DataMigrationRequired until the user says which.
    /// </summary>
    [Parameter]
    [ValidateSet("None", "ExportImport")]
    public string? DataMigration { get; set; }

    /// <summary>A SAS URI of a blob container for export/import; a secret, so a SecureString.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? StorageContainerUri { get; set; }

    /// <summary>
    /// How the caches reach the container: SAS (the default: the SAS of -StorageContainerUri) or ManagedIdentity (their
    /// managed identities, which a storage account behind a firewall needs; the URI then needs no SAS).
    /// </summary>
    [Parameter]
    [ValidateSet("SAS", "ManagedIdentity")]
    public string StorageAuthentication { get; set; } = "SAS";

    [Parameter]
    public SwitchParameter KeepSource { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PrivateEndpointName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PrivateDnsZoneResourceGroupName { get; set; }

    /// <summary>
    /// The resolution policy of a zone link the command creates: NxDomainRedirect lets names the zone has no record for
    /// resolve publicly instead of answering NXDOMAIN in the linked network; left out, none is sent (Default). An
    /// existing link is never changed.
    /// </summary>
    [Parameter]
    [ValidateSet("Default", "NxDomainRedirect")]
    public string? ResolutionPolicy { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PrivateDnsZoneId { get; set; }

    /// <summary>
    /// An Azure Managed Redis SKU, or Suggested for Microsoft's mapping of the source's size: the target becomes an Azure
    /// Managed Redis cache. In every parameter set, so that -ReuseName with it gets the engine's specific refusal.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetSkuCompleter))]
    public string? TargetSku { get; set; }

    /// <summary>With -TargetSku: the Managed Redis database accepts access keys as well as Microsoft Entra ID.</summary>
    [Parameter]
    public SwitchParameter EnableAccessKeysAuthentication { get; set; }

    /// <summary>Deletes the source without asking once the target is verified.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    // Deleting the source is asked even at -Confirm:$false, since it may hold the only copy of the data; only -Force
    // (or -KeepSource) goes on without the question.
    private bool ConfirmSourceDeletion(PlanStep step) => AskQuestion(
        () => ShouldContinue(
            $"{step.Description}? It runs only after the target is verified; the source and its data are then gone.",
            "Delete the VNet-injected source cache"),
        "Deleting the source cache",
        "Run the command again with -Force to delete the source once the target is verified, or with -KeepSource to keep it.");

    /// <summary>Runs the command as a PowerShell job and returns the job at once; Receive-Job gives its output.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        if (AsJob && !Force && !KeepSource && !IsWhatIf)
        {
            ThrowTerminating("ConfirmationRequired", ErrorCategory.InvalidOperation,
                "-AsJob runs the migration where nothing can answer the question before the source cache is deleted: add -Force to delete it once the target is verified, or -KeepSource to keep it.");
        }

        if (AsJob && StartAsJob(context))
        {
            return;
        }

        var byId = ParameterSetName is NewNameByIdSet or ReuseNameByIdSet;
        var request = new ConvertVNetCacheRequest
        {
            NewName = ReuseName ? null : NewName,
            ReuseName = ReuseName,
            SubnetId = SubnetId,
            SubnetName = SubnetName,
            SubnetPrefix = SubnetPrefix,
            PrivateEndpointNetworkPolicy = PrivateEndpointNetworkPolicy,
            DataMigration = DataMigration,
            StorageContainerUri = StorageContainerUri is null ? null : SecureStrings.Reveal(StorageContainerUri),
            StorageAuthentication = StorageAuthentication,
            KeepSource = KeepSource,
            PrivateEndpointName = PrivateEndpointName,
            PrivateDnsZoneResourceGroupName = PrivateDnsZoneResourceGroupName,
            ResolutionPolicy = ResolutionPolicy,
            PrivateDnsZoneId = PrivateDnsZoneId,
            TargetSku = TargetSku,
            EnableAccessKeysAuthentication = EnableAccessKeysAuthentication,
        };

        RunEngine(async token =>
        {
            request.SourceCacheId = byId ? ResourceId : ResourceIdsByName.Cache(context.SubscriptionId, ResourceGroupName, Name, nameof(Name));
            var prepared = await ConvertVNetCacheWorkflow.PrepareAsync(context, request, token).ConfigureAwait(false);
            CheckAccessTokenLasts(context, AccessTokenLifetime.MigrationPlan, Force);
            Func<PlanStep, Task<bool>>? confirmDelete = Force
                ? null
                : step => Dispatcher.InvokeAsync(() => step.Key != ConvertStepKeys.DeleteSource || ConfirmSourceDeletion(step));
            if (await RunWorkflowAsync(prepared, token, confirmDelete).ConfigureAwait(false) is null)
            {
                return;
            }

            WriteObjectFromTask(await ReaderFor(context).GetAsync(prepared.CacheId, token).ConfigureAwait(false));
        }, byId ? ResourceId : Name);
    }
}
