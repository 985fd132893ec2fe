using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>
/// PUT/GET/PATCH/DELETE and lists of provider resources under a resource group:
/// subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{childType}/{childName}]...
/// </summary>
internal sealed class ResourceHandler(EmulatorContext emulator, OperationStarter operations)
{
    private const int ProvidersIndex = 4;

    private ResourceStore Store => emulator.Store;

    public ArmResult Handle(ArmRequest request)
    {
        var path = request.Path;
        var resourceGroup = emulator.RequireResourceGroup(path[1], path[3]);
        var tail = path.Segments.Skip(ProvidersIndex + 2).ToList();
        var isCollection = tail.Count % 2 == 1;
        var providerNamespace = path[ProvidersIndex + 1];
        var typeNames = string.Join("/", tail.Where((_, i) => i % 2 == 0));
        var type = ResourceTypeCatalog.Find($"{providerNamespace}/{typeNames}")
                   ?? throw ArmErrors.InvalidResourceType(typeNames, providerNamespace, request.ApiVersion);
        RequireApiVersion(type, request, JsonMerge.String(request.Body, "location") ?? (string)resourceGroup.Body["location"]!);

        var requestedId = "/" + string.Join("/", path.Segments);
        // A resource that does not exist yet is routed by its resource group's region, as ARM routes it.
        var topLevelId = string.Join('/', requestedId.Split('/').Take(9));
        emulator.RegionalAvailability.Require(type, request,
            JsonMerge.String(request.Body, "location") ?? JsonMerge.String(Store.Find(topLevelId)?.Body, "location") ?? (string)resourceGroup.Body["location"]!,
            isCollection && !type.IsChild);
        if (isCollection)
        {
            return request.Method == "GET" ? List(request, type, resourceGroup, requestedId) : throw ArmErrors.MethodNotAllowed(request.Method);
        }

        var displayName = string.Join("/", path.Segments.Skip(ProvidersIndex + 1));
        return request.Method switch
        {
            "GET" => new ArmResult(200, Render(Require(requestedId, displayName, resourceGroup), type)),
            "PUT" => Put(request, type, resourceGroup, requestedId, tail[^1]),
            "PATCH" => Patch(request, type, resourceGroup, Require(requestedId, displayName, resourceGroup)),
            "DELETE" => Delete(request, type, resourceGroup, requestedId),
            _ => throw ArmErrors.MethodNotAllowed(request.Method),
        };
    }

    public static void RequireApiVersion(ResourceType type, ArmRequest request, string location)
    {
        if (!type.ApiVersions.Contains(request.ApiVersion, StringComparer.OrdinalIgnoreCase))
        {
            throw ArmErrors.NoRegisteredProvider(location, request.ApiVersion, type.Key[(type.Namespace.Length + 1)..], type.ApiVersions);
        }
    }

    public JsonObject Render(StoredResource resource, ResourceType type) => type.Provider.Render(resource, Store);

    private ArmResult List(ArmRequest request, ResourceType type, StoredResource resourceGroup, string collectionId)
    {
        var parentId = type.IsChild
            ? RequireParent(collectionId[..collectionId.LastIndexOf('/')]).Id
            : resourceGroup.Id;
        return new ArmResult(200, request.Page(Store.Under(parentId, type.Key), r => Render(r, type), emulator.Options.PageSize));
    }

    private StoredResource Require(string id, string displayName, StoredResource resourceGroup) =>
        Store.Find(id) ?? throw ArmErrors.ResourceNotFound(displayName, resourceGroup.Name);

    private StoredResource RequireParent(string parentId) =>
        Store.Find(parentId) ?? throw ArmErrors.ParentResourceNotFound(parentId[(parentId.LastIndexOf('/') + 1)..]);

    private ArmResult Put(ArmRequest request, ResourceType type, StoredResource resourceGroup, string requestedId, string name)
    {
        RequireNotDeleting(resourceGroup);
        var body = request.RequireObjectBody();
        emulator.Policies.RequireAllowed(requestedId, type.Key, name, body);
        var existing = Store.Find(requestedId);
        RequireIdle(existing, type, request);
        if (existing is null && !type.IsChild && JsonMerge.String(body, "location") is null)
        {
            throw ArmErrors.LocationRequired();
        }

        var id = existing?.Id ?? CanonicalId(type, resourceGroup, requestedId, name);
        var context = new WriteContext
        {
            Id = id,
            Name = existing?.Name ?? name,
            Type = type,
            Request = body,
            ResourceGroup = resourceGroup,
            Store = Store,
            Existing = existing,
            Options = emulator.Options,
            ApiVersion = request.ApiVersion,
        };
        type.Provider.Validate(context);
        var failureOnceAccepted = type.Provider.FailureOnceAccepted(context);
        var built = type.Provider.Build(context);
        var resource = new StoredResource
        {
            Id = id,
            TypeKey = type.Key,
            Sequence = existing?.Sequence ?? Store.NextSequence(),
            Body = built,
            Secrets = existing?.Secrets ?? type.Provider.CreateSecrets(),
            // A PUT to an existing cache updates it: its data stays, as in Azure.
            DataFingerprint = existing?.DataFingerprint,
        };

        var created = existing is null;
        LongRunningOperation? operation = null;
        if (type.Style == LroStyle.Synchronous)
        {
            resource.ProvisioningState = "Succeeded";
        }
        else
        {
            var retryable = emulator.Faults.TakeLroRetryableError(request.Method, request.Path.Raw);
            var allocation = created && type.Key == ManagedRedisProvider.Type
                ? emulator.Faults.TakeAllocationFailure(request.Method, request.Path.Raw)
                : null;
            operation = operations.Start(type, created ? OperationKind.Create : OperationKind.Update, resource,
                resourceGroup.Name, failureOnceAccepted is not null || retryable || emulator.Faults.TakeLroFailure(request.Method, request.Path.Raw),
                failureOnceAccepted
                ?? (retryable ? ReferencedResourceNotProvisioned(resource)
                : allocation is not null ? ManagedRedisErrors.AllocationFailure(allocation.Code, allocation.Message, resource)
                : null),
                failsAllocation: allocation is not null);
            resource.OperationId = operation.Id;
            if (created)
            {
                resource.ProvisioningState = type.Provider.CreatingState;
            }
            else if (type.Provider.ShowsOldValuesWhileUpdating)
            {
                resource.PendingBody = built;
                resource.Body = (JsonObject)existing!.Body.DeepClone();
                resource.ProvisioningState = "Updating";
            }
            else
            {
                resource.ProvisioningState = "Updating";
            }
        }

        context.OperationId = operation?.Id;
        Store.Put(resource);
        if (created)
        {
            emulator.Faults.NoteCreated(request.Path.Raw);
        }

        type.Provider.OnWritten(context, resource);
        if (operation is null)
        {
            type.Provider.OnSucceeded(resource, Store);
        }

        return PutAnswer(request, type, resource, operation, created);
    }

    private ArmResult PutAnswer(ArmRequest request, ResourceType type, StoredResource resource, LongRunningOperation? operation,
        bool created)
    {
        var status = type.Provider.PutStatus(created);
        var rendered = Render(resource, type);
        switch (type.Style)
        {
            case LroStyle.Redis:
                // The create answer is the one read that carries the access keys (the recordings show them masked).
                if (created && resource.Secrets is { } secrets)
                {
                    JsonMerge.Properties(rendered)["accessKeys"] = secrets.DeepClone();
                }

                // A cache create's Location is the cache; a connection's points at the async operation (as recorded).
                return new ArmResult(status, rendered)
                    .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(type.Style, operation!, request))
                    .WithHeader("Location", type.IsChild
                        ? OperationStarter.ResultUrl(type.Style, operation!, request)
                        : request.Url(resource.Id.TrimStart('/')));
            case LroStyle.ManagedRedis:
                // The create answers with the body, Azure-AsyncOperation and Location (every cluster and database PUT in
                // shared/recordings/additional); Location names the resource, as the 2024-09-01-preview database PUT
                // of New-AzRedisEnterpriseCacheDatabase.Recording.json does, since the final state is the original URI.
                return new ArmResult(status, rendered)
                    .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(type.Style, operation!, request))
                    .WithHeader("Location", request.Url(resource.Id.TrimStart('/')));
            case LroStyle.Network:
                return operations.WithRetryAfter(new ArmResult(status, rendered)
                    .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(type.Style, operation!, request)), type.Style);
            case LroStyle.PrivateDns:
                return AcceptedByPrivateDns(request, operation!);
            default:
                return new ArmResult(status, rendered);
        }
    }

    private ArmResult Patch(ArmRequest request, ResourceType type, StoredResource resourceGroup, StoredResource existing)
    {
        RequireNotDeleting(resourceGroup);
        RequireIdle(existing, type, request);
        var patch = request.RequireObjectBody();
        var merged = JsonMerge.Apply(existing.Body, patch);
        // Azure Policy judges a PATCH on the resource it would leave.
        emulator.Policies.RequireAllowed(existing.Id, type.Key, existing.Name, merged);
        var context = new WriteContext
        {
            Id = existing.Id,
            Name = existing.Name,
            Type = type,
            Request = merged,
            ResourceGroup = resourceGroup,
            Store = Store,
            Existing = existing,
            Options = emulator.Options,
            ApiVersion = request.ApiVersion,
        };
        type.Provider.ValidatePatch(context);
        if (type.Provider.RebuildsOnPatch)
        {
            merged = type.Provider.Build(context);
        }

        JsonMerge.Properties(merged)["provisioningState"] = existing.ProvisioningState;
        if (type.Style is not (LroStyle.Redis or LroStyle.ManagedRedis))
        {
            existing.Body = merged;
            return new ArmResult(200, Render(existing, type));
        }

        // Microsoft.Cache answers 202 with the old values and Updating; both headers point at the async operation.
        var operation = operations.Start(type, OperationKind.Update, existing, resourceGroup.Name,
            emulator.Faults.TakeLroFailure(request.Method, request.Path.Raw));
        existing.PendingBody = merged;
        existing.OperationId = operation.Id;
        existing.ProvisioningState = "Updating";
        var url = OperationStarter.StatusUrl(type.Style, operation, request);
        return new ArmResult(202, Render(existing, type)).WithHeader("Azure-AsyncOperation", url).WithHeader("Location", url);
    }

    private ArmResult Delete(ArmRequest request, ResourceType type, StoredResource resourceGroup, string requestedId)
    {
        var existing = Store.Find(requestedId);
        if (existing is null)
        {
            return new ArmResult(204);
        }

        if (type.Style == LroStyle.Synchronous || type.Delete == TimeSpan.Zero)
        {
            type.Provider.ValidateDelete(existing, Store);
            Store.RemoveTree(existing.Id);
            return new ArmResult(200);
        }

        var running = existing.OperationId is { } runningId ? Store.FindOperation(runningId) : null;
        var operation = running is { Kind: OperationKind.Delete }
            ? running
            : StartDelete(request, type, resourceGroup, existing);

        return type.Style switch
        {
            // A classic cache's DELETE answers 202 with only a Location at its operationresults (the az redis recording).
            LroStyle.Redis when !type.IsChild => new ArmResult(202).WithHeader("Location", OperationStarter.RedisOperationResultUrl(operation, request)),
            // A Managed Redis cluster DELETE answers with the cluster, Deleting (the cluster DELETEs in
            // shared/recordings/additional: azure-cli-extensions access_string and AzRedisEnterpriseCacheScenario).
            LroStyle.ManagedRedis when !type.IsChild => new ArmResult(202, Render(existing, type))
                .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(type.Style, operation, request))
                .WithHeader("Location", OperationStarter.ResultUrl(type.Style, operation, request)),
            LroStyle.Redis or LroStyle.ManagedRedis => new ArmResult(202)
                .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(type.Style, operation, request))
                .WithHeader("Location", OperationStarter.ResultUrl(type.Style, operation, request)),
            LroStyle.Network => operations.WithRetryAfter(new ArmResult(202)
                .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(type.Style, operation, request))
                .WithHeader("Location", OperationStarter.ResultUrl(type.Style, operation, request)), type.Style),
            _ => AcceptedByPrivateDns(request, operation),
        };
    }

    private LongRunningOperation StartDelete(ArmRequest request, ResourceType type, StoredResource resourceGroup, StoredResource existing)
    {
        RequireIdle(existing, type, request);
        type.Provider.ValidateDelete(existing, Store);
        var operation = operations.Start(type, OperationKind.Delete, existing, resourceGroup.Name,
            emulator.Faults.TakeLroFailure(request.Method, request.Path.Raw));
        existing.OperationId = operation.Id;
        existing.ProvisioningState = "Deleting";
        return operation;
    }

    private ArmResult AcceptedByPrivateDns(ArmRequest request, LongRunningOperation operation) =>
        operations.WithRetryAfter(new ArmResult(202, new JsonObject())
            .WithHeader("Azure-AsyncOperation", OperationStarter.StatusUrl(LroStyle.PrivateDns, operation, request))
            .WithHeader("Location", OperationStarter.ResultUrl(LroStyle.PrivateDns, operation, request)), LroStyle.PrivateDns);

    private string CanonicalId(ResourceType type, StoredResource resourceGroup, string requestedId, string name)
    {
        if (!type.IsChild)
        {
            return $"{resourceGroup.Id}/providers/{type.ResponseType}/{name}";
        }

        var nameStart = requestedId.LastIndexOf('/');
        var parent = RequireParent(requestedId[..requestedId.LastIndexOf('/', nameStart - 1)]);
        return $"{parent.Id}/{type.IdSegment}/{name}";
    }

    private static void RequireNotDeleting(StoredResource resourceGroup)
    {
        if (resourceGroup.ProvisioningState == "Deleting")
        {
            throw ArmErrors.ResourceGroupBeingDeleted(resourceGroup.Name);
        }
    }

    /// <summary>
    /// Network's retryable failure of a write whose referenced resource (an endpoint's subnet, else the parent) is still
    /// Updating, as quoted in hashicorp/terraform-provider-azurerm#21293 and #30197: the operation ends Failed with this error.
    /// </summary>
    private static JsonObject ReferencedResourceNotProvisioned(StoredResource resource)
    {
        var referenced = JsonMerge.String(resource.Body["properties"]?["subnet"], "id") ?? resource.Id[..resource.Id.LastIndexOf('/', resource.Id.LastIndexOf('/') - 1)];
        var typeName = referenced.Split('/')[^2];
        var operationName = $"Put{char.ToUpperInvariant(typeName[0])}{typeName[1..].TrimEnd('s')}Operation";
        return new JsonObject
        {
            ["code"] = "RetryableError",
            ["message"] = "A retryable error occurred.",
            ["details"] = new JsonArray(new JsonObject
            {
                ["code"] = "ReferencedResourceNotProvisioned",
                ["message"] = $"Cannot proceed with operation because resource {referenced} used by resource {resource.Id} is not in Succeeded state. " +
                              $"Resource is in Updating state and the last operation that updated/is updating the resource is {operationName}.",
            }),
        };
    }

    /// <summary>A resource with a running operation refuses another write, each provider in its own words.</summary>
    private void RequireIdle(StoredResource? resource, ResourceType type, ArmRequest request)
    {
        if (resource?.OperationId is not { } operationId || type.Style == LroStyle.Synchronous)
        {
            return;
        }

        if (type.Style is LroStyle.Redis or LroStyle.ManagedRedis)
        {
            throw ArmErrors.CacheBusy(resource.Id);
        }

        var running = Store.FindOperation(operationId);
        throw ArmErrors.AnotherOperationInProgress(running is null ? operationId : OperationStarter.StatusUrl(type.Style, running, request));
    }
}
