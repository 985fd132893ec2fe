using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RedisPrivateLink.Emulator.Authorization;
using RedisPrivateLink.Emulator.Hosting;

namespace RedisPrivateLink.Emulator.Store;

/// <summary>
/// The store on disk, so that resources survive a restart. Operations are kept too: their completion times are
/// absolute, so a cache that was Creating before the restart finishes on schedule after it. So are the subscriptions
/// added at run time, the provider registrations (a registration under way completes on schedule too), the
/// management locks and the role assignments, which are subscription state in Azure as much as resources are. It
/// holds access keys, like the Azure resources it stands for; it is the user's own file.
/// </summary>
internal sealed class StateFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public void Save(EmulatorContext emulator)
    {
        var store = emulator.Store;
        var snapshot = new Snapshot(
            store.Resources.OrderBy(r => r.Sequence)
                .Select(r => new ResourceState(r.Id, r.TypeKey, r.Sequence, r.Body, r.Secrets, r.PendingBody, r.OperationId,
                    r.DataFingerprint, r.DataArchiveAuthMethod))
                .ToList(),
            store.Operations.ToList(),
            store.Blobs.Keys.Order(StringComparer.Ordinal).ToList(),
            store.Blobs.Where(b => b.Value is not null).ToDictionary(b => b.Key, b => b.Value!, StringComparer.Ordinal),
            store.Deleted.ToList(),
            new Dictionary<string, DateTimeOffset?>(emulator.ProviderRegistrations.Snapshot(), StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, string>(emulator.Locks.Snapshot(), StringComparer.OrdinalIgnoreCase),
            [.. emulator.Subscriptions.Added()],
            emulator.RoleAssignments.Snapshot().ToList());
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(snapshot, Json));
    }

    public void LoadInto(EmulatorContext emulator)
    {
        var store = emulator.Store;
        if (!File.Exists(path))
        {
            return;
        }

        var snapshot = JsonSerializer.Deserialize<Snapshot>(File.ReadAllText(path), Json)
                       ?? throw new InvalidDataException($"The state file '{path}' is empty.");
        foreach (var resource in snapshot.Resources)
        {
            store.Put(new StoredResource
            {
                Id = resource.Id,
                TypeKey = resource.TypeKey,
                Sequence = resource.Sequence,
                Body = resource.Body,
                Secrets = resource.Secrets,
                PendingBody = resource.PendingBody,
                OperationId = resource.OperationId,
                DataFingerprint = resource.DataFingerprint,
                DataArchiveAuthMethod = resource.DataArchiveAuthMethod,
            });
        }

        foreach (var operation in snapshot.Operations)
        {
            store.Add(operation);
        }

        foreach (var blob in snapshot.Blobs ?? [])
        {
            store.AddBlob(blob, snapshot.BlobFingerprints?.GetValueOrDefault(blob));
        }

        foreach (var deleted in snapshot.Deleted ?? [])
        {
            store.RecordDeleted(deleted);
        }

        if (snapshot.ProviderRegistrations is { } registrations)
        {
            emulator.ProviderRegistrations.Restore(registrations);
        }

        foreach (var (resourceGroup, level) in snapshot.Locks ?? [])
        {
            emulator.Locks.Add(resourceGroup, level);
        }

        foreach (var subscription in snapshot.Subscriptions ?? [])
        {
            emulator.Subscriptions.Add(subscription.SubscriptionId, subscription.TenantId, subscription.DisplayName);
        }

        foreach (var assignment in snapshot.RoleAssignments ?? [])
        {
            emulator.RoleAssignments.Add(assignment.PrincipalId, assignment.Scope, assignment.Role, assignment.Id);
        }
    }

    /// <summary>
    /// The nullable members are absent from state files written before exports, fingerprints, name holds, registrations,
    /// locks, added subscriptions and role assignments were kept; a file without registrations leaves the command line's.
    /// </summary>
    private sealed record Snapshot(
        List<ResourceState> Resources,
        List<LongRunningOperation> Operations,
        List<string>? Blobs,
        Dictionary<string, string>? BlobFingerprints,
        List<DeletedResource>? Deleted,
        Dictionary<string, DateTimeOffset?>? ProviderRegistrations,
        Dictionary<string, string>? Locks,
        List<EmulatedSubscription>? Subscriptions,
        List<RoleAssignment>? RoleAssignments = null);

    private sealed record ResourceState(
        string Id,
        string TypeKey,
        long Sequence,
        JsonObject Body,
        JsonObject? Secrets,
        JsonObject? PendingBody,
        string? OperationId,
        string? DataFingerprint,
        string? DataArchiveAuthMethod = null);
}
