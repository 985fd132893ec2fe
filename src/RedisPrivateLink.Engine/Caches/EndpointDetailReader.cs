using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// Reads one private endpoint in detail: the endpoint and its DNS zone groups at the same time, then its network
/// interface only when customDnsConfigs gave no IP (a connection not yet approved).
/// </summary>
internal sealed class EndpointDetailReader
{
    private readonly IArmGateway _arm;

    public EndpointDetailReader(IArmGateway arm) => _arm = arm;

    /// <summary>The endpoint's snapshot (null when it can't be read) and the records of its DNS zone groups.</summary>
    public async Task<(EndpointSnapshot? Snapshot, IReadOnlyList<RedisPrivateDnsRecord> ZoneGroupRecords)> ReadAsync(ResourceId endpointId, CancellationToken cancellationToken)
    {
        var snapshotRead = ReadSnapshotAsync(endpointId, cancellationToken);
        var recordsRead = ReadZoneGroupRecordsAsync(endpointId, cancellationToken);
        await Task.WhenAll(snapshotRead, recordsRead).ConfigureAwait(false);

        var snapshot = snapshotRead.Result;
        if (snapshot is { PrivateIpAddress: null, NetworkInterfaceId: { } interfaceId })
        {
            snapshot = snapshot.WithPrivateIpAddress(await ReadInterfaceAddressAsync(interfaceId, cancellationToken).ConfigureAwait(false));
        }

        return (snapshot, recordsRead.Result);
    }

    /// <summary>The endpoint's snapshot from a single GET; null when it is gone or the credential can't see it.</summary>
    public async Task<EndpointSnapshot?> ReadSnapshotAsync(ResourceId endpointId, CancellationToken cancellationToken)
    {
        try
        {
            var endpoint = await _arm.GetAsync<PrivateEndpoint>(endpointId, cancellationToken).ConfigureAwait(false);
            return endpoint is null ? null : EndpointSnapshot.From(endpoint);
        }
        catch (ArmException e) when (IsUnreadable(e))
        {
            return null;
        }
    }

    /// <summary>
    /// True for answers that mean "nothing to show here" rather than a failure: the resource is gone (404), or lives in a
    /// subscription the credential can't read (403), as an endpoint connecting from another tenant's subscription does.
    /// </summary>
    public static bool IsUnreadable(ArmException exception) => exception.Status is 403 or 404;

    private async Task<IReadOnlyList<RedisPrivateDnsRecord>> ReadZoneGroupRecordsAsync(ResourceId endpointId, CancellationToken cancellationToken)
    {
        try
        {
            var groups = await _arm.ListAsync<PrivateDnsZoneGroup>(endpointId + "/privateDnsZoneGroups", cancellationToken).ConfigureAwait(false);
            var records = groups.SelectMany(PrivateDnsRecords.FromZoneGroup).ToArray();
            await Task.WhenAll(records.Select(record => ReadZoneAnswersAsync(record, cancellationToken))).ConfigureAwait(false);
            return records;
        }
        catch (ArmException e) when (IsUnreadable(e))
        {
            return Array.Empty<RedisPrivateDnsRecord>();
        }
    }

    /// <summary>Reads the zone's own A record for the name, so a registration another endpoint overwrote shows as stale.</summary>
    private async Task ReadZoneAnswersAsync(RedisPrivateDnsRecord record, CancellationToken cancellationToken)
    {
        var suffix = "." + record.ZoneName;
        if (!ResourceId.TryParse(record.ZoneId, out var zoneId) || !record.Fqdn.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var recordSetName = record.Fqdn.Substring(0, record.Fqdn.Length - suffix.Length);
        try
        {
            var recordSet = await _arm.GetAsync<ARecordSet>(zoneId!.Child("A", recordSetName), cancellationToken).ConfigureAwait(false);
            record.ZoneAnswers = recordSet?.Properties?.ARecords?.Select(a => a.Ipv4Address).OfType<string>().ToArray() ?? Array.Empty<string>();
        }
        catch (ArmException e) when (IsUnreadable(e))
        {
            // A zone in a subscription the credential cannot read: what it answers stays unknown.
        }
    }

    private async Task<string?> ReadInterfaceAddressAsync(string interfaceId, CancellationToken cancellationToken)
    {
        if (!ResourceId.TryParse(interfaceId, out var id))
        {
            return null;
        }

        NetworkInterface? networkInterface;
        try
        {
            networkInterface = await _arm.GetAsync<NetworkInterface>(id!, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException ex) when (ex.Status == 403)
        {
            // An interface in a subscription the credential cannot read: the address is simply unknown.
            return null;
        }

        var configurations = networkInterface?.Properties?.IpConfigurations ?? Array.Empty<NetworkInterfaceIpConfiguration>();
        return configurations
            .OrderByDescending(c => c.Properties?.Primary ?? false)
            .Select(c => c.Properties?.PrivateIpAddress)
            .FirstOrDefault(address => !string.IsNullOrEmpty(address));
    }
}
