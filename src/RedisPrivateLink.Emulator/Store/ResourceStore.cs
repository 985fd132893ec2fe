namespace RedisPrivateLink.Emulator.Store;

/// <summary>
/// Every resource and operation, keyed case-insensitively by id as ARM compares them. Not thread-safe by itself: the
/// pipeline serialises each request under <see cref="Gate"/>, which keeps every handler a simple sequential function.
/// </summary>
internal sealed class ResourceStore
{
    private readonly Dictionary<string, StoredResource> resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LongRunningOperation> operations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> blobs = new(StringComparer.Ordinal);
    private readonly List<DeletedResource> deleted = [];
    private long lastSequence;

    public object Gate { get; } = new();

    /// <summary>Raised when an operation's outcome is applied to a resource, so providers can add their side effects.</summary>
    public Action<StoredResource>? Succeeded { get; set; }

    /// <summary>Raised for each resource a removal took away (children included), once all of them are gone.</summary>
    public Action<StoredResource>? Removed { get; set; }

    public IEnumerable<StoredResource> Resources => resources.Values;

    public IEnumerable<LongRunningOperation> Operations => operations.Values;

    /// <summary>
    /// Blob URLs (without their SAS) that cache exports have written, each with the data fingerprint it holds; imports
    /// read only these.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Blobs => blobs;

    /// <summary>Resources that were removed and when, for rules that outlive a resource (a deleted cache's name).</summary>
    public IEnumerable<DeletedResource> Deleted => deleted;

    /// <summary>
    /// When the change being made takes effect: the request's time, or an operation's completion time while settling,
    /// so side effects of a removal are dated when Azure would have done it, not when someone next looked.
    /// </summary>
    public DateTimeOffset ChangeTime { get; private set; }

    public long NextSequence() => ++lastSequence;

    public void AddBlob(string url, string? fingerprint) => blobs[url] = fingerprint;

    public bool HasBlob(string url) => blobs.ContainsKey(url);

    public string? BlobFingerprint(string url) => blobs.GetValueOrDefault(url);

    public void RecordDeleted(DeletedResource resource) => deleted.Add(resource);

    public StoredResource? Find(string id) => resources.GetValueOrDefault(id);

    public LongRunningOperation? FindOperation(string id) => operations.GetValueOrDefault(id);

    public void Put(StoredResource resource)
    {
        resources[resource.Id] = resource;
        lastSequence = Math.Max(lastSequence, resource.Sequence);
    }

    public void Add(LongRunningOperation operation) => operations[operation.Id] = operation;

    /// <summary>Removes a resource and everything nested under its id, as deleting a parent does in ARM.</summary>
    public void RemoveTree(string id)
    {
        var prefix = id.TrimEnd('/') + "/";
        var removed = resources.Values
            .Where(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase)
                        || r.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var resource in removed)
        {
            resources.Remove(resource.Id);
        }

        foreach (var resource in removed)
        {
            Removed?.Invoke(resource);
        }
    }

    /// <summary>Direct children and descendants of a parent id whose type key is the one asked for, in creation order.</summary>
    public IEnumerable<StoredResource> Under(string parentId, string typeKey) =>
        resources.Values
            .Where(r => r.TypeKey.Equals(typeKey, StringComparison.OrdinalIgnoreCase)
                        && r.Id.StartsWith(parentId.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Sequence);

    public void Clear()
    {
        resources.Clear();
        operations.Clear();
        blobs.Clear();
        deleted.Clear();
        lastSequence = 0;
    }

    /// <summary>Applies the outcome of every operation whose time has come, oldest first.</summary>
    public void Settle(DateTimeOffset now)
    {
        foreach (var operation in operations.Values
                     .Where(o => o.Status == OperationStatus.InProgress && o.CompletesAt <= now)
                     .OrderBy(o => o.CompletesAt)
                     .ToList())
        {
            ChangeTime = operation.CompletesAt;
            Complete(operation);
        }

        ChangeTime = now;
    }

    private void Complete(LongRunningOperation operation)
    {
        operation.Status = operation.Fails ? OperationStatus.Failed : OperationStatus.Succeeded;
        if (!operation.Fails && operation.WritesBlob is { } blob)
        {
            blobs[blob] = operation.Fingerprint;
        }

        if (!operation.Fails && operation.ImportsData && Find(operation.ResourceId) is { } target)
        {
            target.DataFingerprint = operation.Fingerprint;
        }

        foreach (var resource in resources.Values.Where(r => r.OperationId == operation.Id).ToList())
        {
            resource.OperationId = null;
            if (operation.Fails)
            {
                resource.PendingBody = null;
                resource.ProvisioningState = "Failed";
            }
            else if (operation.Kind == OperationKind.Delete)
            {
                RemoveTree(resource.Id);
            }
            else
            {
                if (resource.PendingBody is { } pending)
                {
                    resource.Body = pending;
                    resource.PendingBody = null;
                }

                resource.ProvisioningState = "Succeeded";
                Succeeded?.Invoke(resource);
            }
        }
    }
}
