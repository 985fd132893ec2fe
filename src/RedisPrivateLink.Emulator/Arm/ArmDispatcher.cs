using RedisPrivateLink.Emulator.Providers;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>Maps an ARM path onto the handler that owns it.</summary>
internal sealed class ArmDispatcher
{
    private readonly EmulatorContext emulator;
    private readonly SubscriptionHandler subscriptions;
    private readonly ResourceGroupHandler resourceGroups;
    private readonly ResourceHandler resources;
    private readonly OperationPollHandler polls;
    private readonly RedisActionHandler redisActions;
    private readonly ManagedRedisActionHandler managedRedisActions;
    private readonly TagsHandler tags;

    public ArmDispatcher(EmulatorContext emulator)
    {
        this.emulator = emulator;
        var operations = new OperationStarter(emulator);
        subscriptions = new SubscriptionHandler(emulator);
        resourceGroups = new ResourceGroupHandler(emulator);
        resources = new ResourceHandler(emulator, operations);
        polls = new OperationPollHandler(emulator, operations);
        var transfers = new DataTransferStarter(emulator, operations);
        redisActions = new RedisActionHandler(emulator, transfers);
        managedRedisActions = new ManagedRedisActionHandler(emulator, transfers);
        tags = new TagsHandler(emulator);
    }

    public ArmResult Dispatch(ArmRequest request)
    {
        var path = request.Path;
        if (!path.Is(0, "subscriptions"))
        {
            throw ArmErrors.NoRoute(request.Method, path.Raw);
        }

        if (path.Count == 1)
        {
            return RequireGet(request, subscriptions.List);
        }

        if (path.Count == 2)
        {
            return RequireGet(request, subscriptions.Get);
        }

        emulator.RequireSubscription(path[1]);
        emulator.ProviderRegistrations.RequireRegisteredForWrite(request);
        emulator.Locks.RequireUnlocked(request);
        if (path.Is(2, "resourcegroups"))
        {
            return path.Count switch
            {
                3 => RequireGet(request, resourceGroups.List),
                4 => resourceGroups.Handle(request),
                >= 7 when path.Is(4, "providers") => ResourceGroupScoped(request),
                _ => throw ArmErrors.NoRoute(request.Method, path.Raw),
            };
        }

        if (path.Is(2, "operationresults") && path.Count == 4)
        {
            return RequireGet(request, resourceGroups.Poll);
        }

        if (path.Is(2, "providers"))
        {
            return SubscriptionScoped(request);
        }

        throw ArmErrors.NoRoute(request.Method, path.Raw);
    }

    /// <summary>subscriptions/{s}/providers/...: polls under locations, checkNameAvailability, lists by subscription.</summary>
    private ArmResult SubscriptionScoped(ArmRequest request)
    {
        var path = request.Path;
        if (path.Count == 8 && path.Is(4, "locations"))
        {
            return (path[3].ToLowerInvariant(), path[6].ToLowerInvariant()) switch
            {
                ("microsoft.cache", "asyncoperations") => RequireGet(request, polls.RedisStatus),
                ("microsoft.cache", "operationsstatus") => RequireGet(request, polls.ManagedRedisStatus),
                ("microsoft.cache", "operationresults") => RequireGet(request, polls.RedisOperationResult),
                ("microsoft.network", "operations") => RequireGet(request, polls.NetworkStatus),
                ("microsoft.network", "operationresults") => RequireGet(request, polls.NetworkResult),
                _ => throw ArmErrors.NoRoute(request.Method, path.Raw),
            };
        }

        if (ProviderRegistrations.IsRegistrationCall(path))
        {
            return ResourceProvider(request);
        }

        if (path.Count == 5 && path.Is(3, "Microsoft.Cache") && path.Is(4, "CheckNameAvailability"))
        {
            return request.Method == "POST" ? redisActions.CheckNameAvailability(request) : throw ArmErrors.MethodNotAllowed(request.Method);
        }

        if (path.Count == 5)
        {
            return RequireGet(request, ListBySubscription);
        }

        throw ArmErrors.NoRoute(request.Method, path.Raw);
    }

    /// <summary>GET /subscriptions/{s}/providers/{namespace} and POST .../register (Microsoft.Resources' api-versions).</summary>
    private ArmResult ResourceProvider(ArmRequest request)
    {
        var path = request.Path;
        if (!ResourceTypeCatalog.ResourceGroupApiVersions.Contains(request.ApiVersion))
        {
            throw ArmErrors.InvalidApiVersion(request.ApiVersion, ResourceTypeCatalog.ResourceGroupApiVersions);
        }

        return (path.Count, request.Method) switch
        {
            (4, "GET") => new ArmResult(200, emulator.ProviderRegistrations.Body(path[1], path[3], request.Now)),
            (5, "POST") => new ArmResult(200, emulator.ProviderRegistrations.Register(path[1], path[3], request.Now)),
            _ => throw ArmErrors.MethodNotAllowed(request.Method),
        };
    }

    private ArmResult ResourceGroupScoped(ArmRequest request)
    {
        var path = request.Path;
        if (path.Count == 8 && path.Is(5, "Microsoft.Resources") && path.Is(6, "tags") && path.Is(7, "default"))
        {
            return tags.Handle(request);
        }

        if (path.Count == 12 && path.Is(8, "providers") && path.Is(9, "Microsoft.Resources") && path.Is(10, "tags") && path.Is(11, "default"))
        {
            return tags.Handle(request);
        }

        if (path.Count == 8 && path.Is(5, "Microsoft.Network") && path.Is(6, "privateDnsOperationStatuses"))
        {
            return RequireGet(request, polls.PrivateDnsStatus);
        }

        if (path.Count == 8 && path.Is(5, "Microsoft.Network") && path.Is(6, "privateDnsOperationResults"))
        {
            return RequireGet(request, polls.PrivateDnsResult);
        }

        if (request.Method == "POST" && path.Count == 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redis") && path.Is(8, "listKeys"))
        {
            return redisActions.ListKeys(request);
        }

        if (request.Method == "POST" && path.Count == 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redis") && path.Is(8, "export"))
        {
            return redisActions.Export(request);
        }

        if (request.Method == "POST" && path.Count == 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redis") && path.Is(8, "import"))
        {
            return redisActions.Import(request);
        }

        if (request.Method == "GET" && path.Count == 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redis") && path.Is(8, "privateLinkResources"))
        {
            return redisActions.PrivateLinkResources(request);
        }

        if (path.Count >= 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redisEnterprise") && ManagedRedisAction(request) is { } action)
        {
            return action;
        }

        if (request.Method == "POST")
        {
            throw ArmErrors.NoRoute(request.Method, path.Raw);
        }

        return resources.Handle(request);
    }

    /// <summary>.../redisEnterprise/{c}/privateLinkResources and .../redisEnterprise/{c}/databases/{db}/{action}; null for the rest.</summary>
    private ArmResult? ManagedRedisAction(ArmRequest request)
    {
        var path = request.Path;
        if (request.Method == "GET" && path.Count == 9 && path.Is(8, "privateLinkResources"))
        {
            return managedRedisActions.PrivateLinkResources(request);
        }

        if (request.Method != "POST" || path.Count != 11 || !path.Is(8, "databases"))
        {
            return null;
        }

        return path[10].ToLowerInvariant() switch
        {
            "listkeys" => managedRedisActions.ListKeys(request),
            "regeneratekey" => managedRedisActions.RegenerateKey(request),
            "export" => managedRedisActions.Export(request),
            "import" => managedRedisActions.Import(request),
            _ => null,
        };
    }

    private ArmResult ListBySubscription(ArmRequest request)
    {
        var path = request.Path;
        var type = ResourceTypeCatalog.Find($"{path[3]}/{path[4]}");
        if (type is null || !type.ListableBySubscription)
        {
            throw ArmErrors.InvalidResourceType(path[4], path[3], request.ApiVersion);
        }

        ResourceHandler.RequireApiVersion(type, request, "global");
        emulator.RegionalAvailability.Require(type, request, resourceLocation: null, isList: true);
        return new ArmResult(200, request.Page(emulator.Store.Under($"/subscriptions/{path[1]}", type.Key),
            r => resources.Render(r, type), emulator.Options.PageSize));
    }

    private static ArmResult RequireGet(ArmRequest request, Func<ArmRequest, ArmResult> handler) =>
        request.Method == "GET" ? handler(request) : throw ArmErrors.MethodNotAllowed(request.Method);
}
