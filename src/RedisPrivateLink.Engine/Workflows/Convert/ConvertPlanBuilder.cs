using System;
using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Adds Convert-VNetCacheToPrivateEndpoint's steps to its plan. Steps that write the target cache run one after another
/// (Azure's Redis provider refuses a write while another operation runs on the cache), and every step that deletes
/// the source comes after what makes the deletion safe.
/// </summary>
internal sealed class ConvertPlanBuilder
{
    private readonly IArmGateway _arm;
    private readonly AzureClock _clock;
    private readonly Plan _plan;
    private readonly ConvertMigration _migration;
    private readonly bool _keepSource;
    private PrivateLinkSite? _site;
    private bool _hasNetworkStep;

    public ConvertPlanBuilder(IArmGateway arm, AzureClock clock, Plan plan, ConvertMigration migration, bool keepSource)
    {
        _arm = arm;
        _clock = clock;
        _plan = plan;
        _migration = migration;
        _keepSource = keepSource;
    }

    public Plan Plan => _plan;

    /// <summary>The endpoint's subnet (created when missing, an existing one used as it is), the DNS zone and its link to the VNet.</summary>
    public void AddPrivateLinkSite(PrivateLinkSite site)
    {
        var network = site.Definition.Network;
        _site = site;
        _hasNetworkStep = network.Action != SubnetAction.UseAsIs || network.NeedsResend;
        if (_hasNetworkStep)
        {
            _plan.Add(NetworkStep.Create(_arm, network, Array.Empty<string>()));
        }

        site.AddZone(_plan, _arm, Array.Empty<string>());
        site.AddZoneLink(_plan, _arm, _hasNetworkStep);
    }

    private PrivateLinkSite Site => _site ?? throw new InvalidOperationException("The private link site is added first.");

    /// <summary>Side by side: target, settings, endpoint, [export, import], verify, delete the source unless kept, complete.</summary>
    public void AddNewNameSteps(MigrationSource source, ArmResource? target, ResourceId injectedSubnetId)
    {
        _plan.Add(ConvertTargetCacheStep.Create(_arm, _clock, _migration, source.ToTarget(MigrationStage.Created, (MigrationTags.InjectedSubnet, injectedSubnetId.ToString())),
            Summary(source), target is not null, Array.Empty<string>()));
        _plan.Add(ConvertTargetSettingsStep.Create(_arm, _migration, source.Settings, new[] { ConvertStepKeys.TargetCache }));
        var last = AddEndpoint(ConvertStepKeys.TargetSettings);
        if (_migration.MovesData)
        {
            var exported = MigrationTags.StageOf(target) >= MigrationStage.Exported;
            _plan.Add(ConvertExportStep.Create(_arm, _migration, exported, new[] { last }));
            _plan.Add(ConvertImportStep.Create(_arm, _migration, new[] { ConvertStepKeys.ExportSource }));
            last = ConvertStepKeys.ImportData;
        }

        AddVerifyToComplete(last);
    }

    /// <summary>-TargetSku, side by side: Managed Redis cluster and database, endpoint, [export, import], verify, delete the source unless kept, complete.</summary>
    public void AddManagedRedisSteps(ManagedRedisDefinition definition, ArmResource? target)
    {
        _plan.Add(ConvertManagedRedisCacheStep.Create(_arm, _migration, definition, target is not null, Array.Empty<string>()));
        var last = AddEndpoint(ConvertStepKeys.TargetCache);
        if (_migration.MovesData)
        {
            var exported = MigrationTags.StageOf(target) >= MigrationStage.Exported;
            _plan.Add(ConvertExportStep.Create(_arm, _migration, exported, new[] { last }));
            _plan.Add(ConvertImportStep.Create(_arm, _migration, new[] { ConvertStepKeys.ExportSource }));
            last = ConvertStepKeys.ImportData;
        }

        AddVerifyToComplete(last);
    }

    /// <summary>
    /// -TargetSku run again after the source was deleted (only ever after the target was verified): the endpoint as it
    /// is, [import, already done], verify. The cluster is left as it is: its definition came from the deleted source.
    /// </summary>
    public void AddManagedRedisStepsAfterSourceDeleted() => AddEndpointToVerify(after: null);

    /// <summary>
    /// Same name: [export], record the target's definition, delete the source, create the target once Azure frees the
    /// name, settings, endpoint, [import], verify.
    /// </summary>
    public void AddReuseNameSteps(MigrationSource source, RedisCache definition)
    {
        if (_migration.MovesData)
        {
            var exported = MigrationTags.StageOf(source.Cache) >= MigrationStage.Exported;
            _plan.Add(ConvertExportStep.Create(_arm, _migration, exported, Array.Empty<string>()));
        }

        // The network and the DNS zone are in place before the deletion, so what can fail there fails before the downtime starts.
        _plan.Add(ConvertRecordTargetStep.Create(_arm, _migration, definition, StepKeys.Selected((true, StepKeys.ZoneLink), (_hasNetworkStep, StepKeys.Network), (_migration.MovesData, ConvertStepKeys.ExportSource))));
        _plan.Add(ConvertDeleteSourceStep.Create(_arm, _migration, new[] { ConvertStepKeys.RecordTarget }));
        _plan.Add(ConvertTargetCacheStep.Create(_arm, _clock, _migration, definition, Summary(source), exists: false, new[] { ConvertStepKeys.DeleteSource }));
        _plan.Add(ConvertTargetSettingsStep.Create(_arm, _migration, source.Settings, new[] { ConvertStepKeys.TargetCache }));
        AddEndpointToVerify(ConvertStepKeys.TargetSettings);
    }

    /// <summary>The -ReuseName target's definition: the source's configuration, carrying what a re-run after the deletion needs.</summary>
    public RedisCache ReuseNameTarget(MigrationSource source, ResourceId injectedSubnetId)
    {
        var stage = _migration.MovesData ? MigrationStage.Exported : MigrationStage.Created;
        var migrationTags = new[] { (MigrationTags.InjectedSubnet, injectedSubnetId.ToString()), (MigrationTags.ExportPrefix, _migration.ExportPrefix) };
        return source.ToTarget(stage, migrationTags.Concat(source.SettingsTags).ToArray());
    }

    /// <summary>
    /// A -ReuseName re-run that finds neither cache, the source deleted before Azure accepted the target: the target
    /// as recorded on the resource group, the settings it carries, endpoint, [import], verify.
    /// </summary>
    public void AddStepsFromRecord(RedisCache recorded)
    {
        _plan.Add(ConvertTargetCacheStep.Create(_arm, _clock, _migration, recorded, $"as recorded on resource group '{_migration.TargetId.ResourceGroupName}'", exists: false, Array.Empty<string>()));
        AddCarriedSettingsToVerify(recorded);
    }

    /// <summary>
    /// A re-run that finds the source gone and its target in place (a -ReuseName run that stopped after deleting the
    /// source, or a finished migration): the target, the settings it carries, endpoint, [import], verify.
    /// </summary>
    public void AddStepsAfterSourceDeleted(RedisCache target)
    {
        _plan.Add(ConvertTargetCacheStep.Create(_arm, _clock, _migration, MigrationSource.ResendDefinition(target, _migration.TargetId), "as an earlier run created it", exists: true, Array.Empty<string>()));
        AddCarriedSettingsToVerify(target);
    }

    /// <summary>After the target step: the firewall rules and patch schedule the target's tags carry, endpoint, [import], verify.</summary>
    private void AddCarriedSettingsToVerify(RedisCache target)
    {
        var carried = MigrationSettingsTags.Decode(target.Tags);
        if (carried.Count > 0)
        {
            _plan.Add(ConvertTargetSettingsStep.Create(_arm, _migration, carried, new[] { ConvertStepKeys.TargetCache }));
        }

        AddEndpointToVerify(carried.Count > 0 ? ConvertStepKeys.TargetSettings : ConvertStepKeys.TargetCache);
    }

    /// <summary>
    /// Side by side, after step <paramref name="after"/>: verify, delete the source unless kept, then complete the
    /// migration (its bookkeeping tags removed), which with -KeepSource follows the verification.
    /// </summary>
    private void AddVerifyToComplete(string after)
    {
        _plan.Add(ConvertVerifyStep.Create(_arm, _migration, Site.Definition.EndpointId, Site.Zone.ZoneId, new[] { after }));
        if (!_keepSource)
        {
            _plan.Add(ConvertDeleteSourceStep.Create(_arm, _migration, new[] { ConvertStepKeys.VerifyTarget }));
        }

        _plan.Add(ConvertCompleteStep.Create(_arm, _migration, new[] { _keepSource ? ConvertStepKeys.VerifyTarget : ConvertStepKeys.DeleteSource }));
    }

    /// <summary>After the source is gone: the endpoint, [import], verify, and the migration completed (its bookkeeping tags removed).</summary>
    private void AddEndpointToVerify(string? after)
    {
        var last = AddEndpoint(after);
        if (_migration.MovesData)
        {
            _plan.Add(ConvertImportStep.Create(_arm, _migration, new[] { last }));
            last = ConvertStepKeys.ImportData;
        }

        _plan.Add(ConvertVerifyStep.Create(_arm, _migration, Site.Definition.EndpointId, Site.Zone.ZoneId, new[] { last }));
        _plan.Add(ConvertCompleteStep.Create(_arm, _migration, new[] { ConvertStepKeys.VerifyTarget }));
    }

    /// <summary>
    /// A re-run of a complete migration (the source gone, the target carrying only its source tag): nothing to build
    /// or move, so nothing is written; the target is verified as it stands, with reads only.
    /// </summary>
    public void AddCompletedVerification(ResourceId endpointId, PrivateDnsZoneTarget zone) =>
        _plan.Add(ConvertVerifyStep.Create(_arm, _migration, endpointId, zone.ZoneId, Array.Empty<string>()));

    /// <summary>The private endpoint and its DNS zone group once the target (step <paramref name="after"/>, if any) and the network are in place; returns the last key.</summary>
    private string AddEndpoint(string? after)
    {
        Site.AddEndpoint(_plan, _arm, new CacheReadiness(isReady: true), StepKeys.Selected((_hasNetworkStep, StepKeys.Network), (after is not null, after!)));
        return StepKeys.DnsZoneGroup;
    }

    private static string Summary(MigrationSource source)
    {
        var properties = source.Cache.Properties!;
        var parts = new List<string> { source.SkuText };
        if (properties.ShardCount is { } shards)
        {
            parts.Add($"{shards} shards");
        }

        if (source.IsPremium && properties.ReplicasPerPrimary is { } replicas)
        {
            parts.Add($"{replicas} replicas per primary");
        }

        if (source.Cache.Zones?.Count > 0)
        {
            parts.Add("zones " + string.Join(",", source.Cache.Zones));
        }

        parts.Add($"TLS {properties.MinimumTlsVersion ?? "default"}");
        return string.Join(", ", parts);
    }
}
