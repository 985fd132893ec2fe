namespace RedisPrivateLink.Emulator.Store;

/// <summary>
/// Every resource and operation, keyed case-insensitively by id as ARM compares them. Not thread-safe by itself: the
/// pipeline serialises each request under <see cref="Gate"/>, which keeps every handler a simple sequential function.
/// </summary>
internal sealed class ResourceStore
{
    private readonly Dictionary<string, StoredResource> _resources = new(StringComparer.OrdinalIgnoreCase);

    // The same ids in order, so that everything under a parent is one contiguous range: listing a cache's children
    // (which rendering every cache does) costs its children, not the whole store, when fleets hold thousands of caches.
    private readonly SortedSet<string> _orderedIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LongRunningOperation> _operations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _blobs = new(StringComparer.Ordinal);
    private readonly List<DeletedResource> _deleted = [];
    private long _lastSequence;

    public object Gate { get; } = new();

    /// <summary>Raised when an operation's outcome is applied to a resource, so providers can add their side effects.</summary>
    public Action<StoredResource>? Succeeded { get; set; }

    /// <summary>Raised for each resource a removal took away (children included), once all of them are gone.</summary>
    public Action<StoredResource>? Removed { get; set; }

    public IEnumerable<StoredResource> Resources => _resources.Values;

    public IEnumerable<LongRunningOperation> Operations => _operations.Values;

    /// <summary>
    /// Blob URLs (without their SAS) that cache exports have written, each with the data fingerprint it holds; imports
    /// read only these.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Blobs => _blobs;

    /// <summary>Resources that were removed and when, for rules that outlive a resource (a deleted cache's name).</summary>
    public IEnumerable<DeletedResource> Deleted => _deleted;

    /// <summary>
    /// When the change being made takes effect: the request's time, or an operation's completion time while settling,
    /// so side effects of a removal are dated when Azure would have done it, not when someone next looked.
    /// </summary>
    public DateTimeOffset ChangeTime { get; private set; }

    public long NextSequence() => ++_lastSequence;

    public void AddBlob(string url, string? fingerprint) => _blobs[url] = fingerprint;

    public bool HasBlob(string url) => _blobs.ContainsKey(url);

    public string? BlobFingerprint(string url) => _blobs.GetValueOrDefault(url);

    public void RecordDeleted(DeletedResource resource) => _deleted.Add(resource);

    public StoredResource? Find(string id) => _resources.GetValueOrDefault(id);

    public LongRunningOperation? FindOperation(string id) => _operations.GetValueOrDefault(id);

    public void Put(StoredResource resource)
    {
        _resources[resource.Id] = resource;
        _orderedIds.Add(resource.Id);
        _lastSequence = Math.Max(_lastSequence, resource.Sequence);
    }

    public void Add(LongRunningOperation operation) => _operations[operation.Id] = operation;

    /// <summary>Removes a resource and everything nested under its id, as deleting a parent does in ARM.</summary>
    public void RemoveTree(string id)
    {
        var removed = Descendants(id).ToList();
        if (Find(id) is { } self)
        {
            removed.Insert(0, self);
        }

        foreach (var resource in removed)
        {
            _resources.Remove(resource.Id);
            _orderedIds.Remove(resource.Id);
        }

        foreach (var resource in removed)
        {
            Removed?.Invoke(resource);
        }
    }

    /// <summary>Direct children and descendants of a parent id whose type key is the one asked for, in creation order.</summary>
    public IEnumerable<StoredResource> Under(string parentId, string typeKey) =>
        Descendants(parentId)
            .Where(r => r.TypeKey.Equals(typeKey, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Sequence)
            .ToList();

    public void Clear()
    {
        _resources.Clear();
        _orderedIds.Clear();
        _operations.Clear();
        _blobs.Clear();
        _deleted.Clear();
        _lastSequence = 0;
    }

    /// <summary>Everything whose id lies under <paramref name="parentId"/>, from the ordered ids' range of that prefix.</summary>
    private IEnumerable<StoredResource> Descendants(string parentId)
    {
        var prefix = parentId.TrimEnd('/') + "/";
        return _orderedIds.GetViewBetween(prefix, prefix + char.MaxValue)
            .Where(id => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(id => _resources[id])
            .ToList();
    }

    /// <summary>Applies the outcome of every operation whose time has come, oldest first.</summary>
    public void Settle(DateTimeOffset now)
    {
        foreach (var operation in _operations.Values
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
            _blobs[blob] = operation.Fingerprint;
        }

        if (!operation.Fails && operation.ImportsData && Find(operation.ResourceId) is { } target)
        {
            target.DataFingerprint = operation.Fingerprint;
        }

        foreach (var resource in _resources.Values.Where(r => r.OperationId == operation.Id).ToList())
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
