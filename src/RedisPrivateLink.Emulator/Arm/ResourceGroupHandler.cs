using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>subscriptions/{s}/resourcegroups[/{name}] and the resource group deletion poll, answered by ARM itself.</summary>
internal sealed class ResourceGroupHandler(EmulatorContext emulator)
{
    public const string TypeKey = "Microsoft.Resources/resourceGroups";

    private ResourceStore Store => emulator.Store;

    public ArmResult List(ArmRequest request)
    {
        RequireApiVersion(request);
        emulator.RequireSubscription(request.Path[1]);
        var groups = Store.Resources
            .Where(r => r.TypeKey == TypeKey && r.Id.Split('/')[2].Equals(request.Path[1], StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Sequence);
        return new ArmResult(200, request.Page(groups, r => (JsonObject)r.Body.DeepClone(), emulator.Options.PageSize));
    }

    public ArmResult Handle(ArmRequest request)
    {
        RequireApiVersion(request);
        var subscriptionId = request.Path[1];
        var name = request.Path[3];
        emulator.RequireSubscription(subscriptionId);
        var existing = Store.Find(EmulatorContext.ResourceGroupId(subscriptionId, name));
        return request.Method switch
        {
            "GET" => new ArmResult(200, (existing ?? throw ArmErrors.ResourceGroupNotFound(name)).Body.DeepClone()),
            "HEAD" => new ArmResult(existing is null ? 404 : 204),
            "PUT" => Put(request, subscriptionId, name, existing),
            "PATCH" => Patch(request, existing ?? throw ArmErrors.ResourceGroupNotFound(name)),
            "DELETE" => Delete(request, existing ?? throw ArmErrors.ResourceGroupNotFound(name)),
            _ => throw ArmErrors.MethodNotAllowed(request.Method),
        };
    }

    /// <summary>subscriptions/{s}/operationresults/{id}: 202 while the group is being deleted, then 200.</summary>
    public ArmResult Poll(ArmRequest request)
    {
        var operation = Store.FindOperation(request.Path[3])
                        ?? throw new ArmException(404, "NotFound", $"The operation '{request.Path[3]}' could not be found.");
        return operation.Status switch
        {
            OperationStatus.InProgress => Accepted(request, operation),
            OperationStatus.Failed => new ArmResult(500, ArmException.ErrorBody("ResourceGroupDeletionFailed",
                $"Deletion of resource group '{operation.Scope}' failed.")),
            _ => new ArmResult(200),
        };
    }

    private ArmResult Put(ArmRequest request, string subscriptionId, string name, StoredResource? existing)
    {
        var body = request.RequireObjectBody();
        var location = JsonMerge.String(body, "location") ?? throw ArmErrors.LocationRequired();
        if (existing is not null)
        {
            var current = (string)existing.Body["location"]!;
            if (!Regions.Normalize(location).Equals(current, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArmException(409, "InvalidResourceGroupLocation",
                    $"Invalid resource group location '{location}'. The Resource group already exists in location '{current}'.");
            }

            if (existing.ProvisioningState == "Deleting")
            {
                throw ArmErrors.ResourceGroupBeingDeleted(existing.Name);
            }

            existing.Body["tags"] = body["tags"]?.DeepClone() ?? existing.Body["tags"]?.DeepClone();
            return new ArmResult(200, existing.Body.DeepClone());
        }

        var group = new StoredResource
        {
            Id = EmulatorContext.ResourceGroupId(subscriptionId, name),
            TypeKey = TypeKey,
            Sequence = Store.NextSequence(),
            Body = new JsonObject
            {
                ["id"] = EmulatorContext.ResourceGroupId(subscriptionId, name),
                ["name"] = name,
                ["type"] = TypeKey,
                ["location"] = Regions.Normalize(location),
                ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
            },
        };
        if (body["tags"] is JsonObject tags)
        {
            group.Body["tags"] = tags.DeepClone();
        }

        Store.Put(group);
        return new ArmResult(201, group.Body.DeepClone());
    }

    private static ArmResult Patch(ArmRequest request, StoredResource existing)
    {
        if (request.RequireObjectBody()["tags"] is JsonObject tags)
        {
            existing.Body["tags"] = tags.DeepClone();
        }

        return new ArmResult(200, existing.Body.DeepClone());
    }

    /// <summary>202 + Location; the group and everything in it go when the operation completes.</summary>
    private ArmResult Delete(ArmRequest request, StoredResource group)
    {
        var operation = group.OperationId is { } running ? Store.FindOperation(running) : null;
        if (operation is null)
        {
            operation = new LongRunningOperation
            {
                Id = OperationStarter.OpaqueId("ResourceGroupDeletionJob"),
                Kind = OperationKind.Delete,
                ResourceId = group.Id,
                SubscriptionId = request.Path[1],
                Scope = group.Name,
                CompletesAt = emulator.Now + emulator.Scale(ResourceTypeCatalog.ResourceGroupDelete),
                Fails = emulator.Faults.TakeLroFailure(request.Method, request.Path.Raw),
            };
            Store.Add(operation);
            group.OperationId = operation.Id;
            group.ProvisioningState = "Deleting";
        }

        return Accepted(request, operation);
    }

    private ArmResult Accepted(ArmRequest request, LongRunningOperation operation) =>
        new ArmResult(202)
            .WithHeader("Location", request.Url($"subscriptions/{operation.SubscriptionId}/operationresults/{operation.Id}"))
            .WithHeader("Retry-After", emulator.ScaleRetryAfter(ResourceTypeCatalog.ResourceGroupDeleteRetryAfterSeconds)
                .ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void RequireApiVersion(ArmRequest request)
    {
        if (!ResourceTypeCatalog.ResourceGroupApiVersions.Contains(request.ApiVersion))
        {
            throw ArmErrors.InvalidApiVersion(request.ApiVersion, ResourceTypeCatalog.ResourceGroupApiVersions);
        }
    }
}
