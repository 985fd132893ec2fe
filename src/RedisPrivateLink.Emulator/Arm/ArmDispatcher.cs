using RedisPrivateLink.Emulator.Authorization;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.ResourceGraph;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>Maps an ARM path onto the handler that owns it.</summary>
internal sealed class ArmDispatcher
{
    private readonly EmulatorContext _emulator;
    private readonly SubscriptionHandler _subscriptions;
    private readonly ResourceGroupHandler _resourceGroups;
    private readonly ResourceHandler _resources;
    private readonly OperationPollHandler _polls;
    private readonly RedisActionHandler _redisActions;
    private readonly ManagedRedisActionHandler _managedRedisActions;
    private readonly TagsHandler _tags;
    private readonly ResourceGraphHandler _resourceGraph;

    public ArmDispatcher(EmulatorContext emulator)
    {
        _emulator = emulator;
        var operations = new OperationStarter(_emulator);
        _subscriptions = new SubscriptionHandler(_emulator);
        _resourceGroups = new ResourceGroupHandler(_emulator);
        _resources = new ResourceHandler(_emulator, operations);
        _polls = new OperationPollHandler(_emulator, operations);
        var transfers = new DataTransferStarter(_emulator, operations);
        _redisActions = new RedisActionHandler(_emulator, transfers);
        _managedRedisActions = new ManagedRedisActionHandler(_emulator, transfers);
        _tags = new TagsHandler(_emulator);
        _resourceGraph = new ResourceGraphHandler(_emulator);
    }

    public ArmResult Dispatch(ArmRequest request)
    {
        var path = request.Path;
        if (ResourceGraphHandler.Serves(path))
        {
            return _resourceGraph.Handle(request);
        }

        if (!path.Is(0, "subscriptions"))
        {
            throw ArmErrors.NoRoute(request.Method, path.Raw);
        }

        if (path.Count == 1)
        {
            return RequireGet(request, _subscriptions.List);
        }

        if (path.Count == 2)
        {
            return RequireGet(request, _subscriptions.Get);
        }

        _emulator.RequireSubscription(path[1]);
        if (PermissionsEndpoint.IsPermissionsCall(path))
        {
            return PermissionsEndpoint.Handle(request, _emulator);
        }

        RequestAuthorization.Require(request, _emulator.RoleAssignments);
        _emulator.ProviderRegistrations.RequireRegisteredForWrite(request);
        _emulator.Locks.RequireUnlocked(request);
        if (path.Is(2, "resourcegroups"))
        {
            return path.Count switch
            {
                3 => RequireGet(request, _resourceGroups.List),
                4 => _resourceGroups.Handle(request),
                >= 7 when path.Is(4, "providers") => ResourceGroupScoped(request),
                _ => throw ArmErrors.NoRoute(request.Method, path.Raw),
            };
        }

        if (path.Is(2, "operationresults") && path.Count == 4)
        {
            return RequireGet(request, _resourceGroups.Poll);
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
                ("microsoft.cache", "asyncoperations") => RequireGet(request, _polls.RedisStatus),
                ("microsoft.cache", "operationsstatus") => RequireGet(request, _polls.ManagedRedisStatus),
                ("microsoft.cache", "operationresults") => RequireGet(request, _polls.RedisOperationResult),
                ("microsoft.network", "operations") => RequireGet(request, _polls.NetworkStatus),
                ("microsoft.network", "operationresults") => RequireGet(request, _polls.NetworkResult),
                _ => throw ArmErrors.NoRoute(request.Method, path.Raw),
            };
        }

        if (ProviderRegistrations.IsRegistrationCall(path))
        {
            return ResourceProvider(request);
        }

        if (path.Count == 5 && IsCheckPolicyRestrictions(path, 3))
        {
            return CheckPolicyRestrictions(request, $"/subscriptions/{path[1]}");
        }

        if (path.Count == 5 && path.Is(3, "Microsoft.Cache") && path.Is(4, "CheckNameAvailability"))
        {
            return request.Method == "POST" ? _redisActions.CheckNameAvailability(request) : throw ArmErrors.MethodNotAllowed(request.Method);
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
            (4, "GET") => new ArmResult(200, _emulator.ProviderRegistrations.Body(path[1], path[3], request.Now)),
            (5, "POST") => new ArmResult(200, _emulator.ProviderRegistrations.Register(path[1], path[3], request.Now)),
            _ => throw ArmErrors.MethodNotAllowed(request.Method),
        };
    }

    private ArmResult ResourceGroupScoped(ArmRequest request)
    {
        var path = request.Path;
        if (path.Count == 8 && path.Is(5, "Microsoft.Resources") && path.Is(6, "tags") && path.Is(7, "default"))
        {
            return _tags.Handle(request);
        }

        if (path.Count == 12 && path.Is(8, "providers") && path.Is(9, "Microsoft.Resources") && path.Is(10, "tags") && path.Is(11, "default"))
        {
            return _tags.Handle(request);
        }

        if (path.Count == 7 && IsCheckPolicyRestrictions(path, 5))
        {
            return CheckPolicyRestrictions(request, _emulator.RequireResourceGroup(path[1], path[3]).Id);
        }

        if (path.Count == 8 && path.Is(5, "Microsoft.Network") && path.Is(6, "privateDnsOperationStatuses"))
        {
            return RequireGet(request, _polls.PrivateDnsStatus);
        }

        if (path.Count == 8 && path.Is(5, "Microsoft.Network") && path.Is(6, "privateDnsOperationResults"))
        {
            return RequireGet(request, _polls.PrivateDnsResult);
        }

        if (request.Method == "POST" && path.Count == 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redis") && path.Is(8, "listKeys"))
        {
            return _redisActions.ListKeys(request);
        }

        if (request.Method == "POST" && path.Count == 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redis") && path.Is(8, "export"))
        {
            return _redisActions.Export(request);
        }

        if (request.Method == "POST" && path.Count == 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redis") && path.Is(8, "import"))
        {
            return _redisActions.Import(request);
        }

        if (request.Method == "GET" && path.Count == 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redis") && path.Is(8, "privateLinkResources"))
        {
            return _redisActions.PrivateLinkResources(request);
        }

        if (path.Count >= 9 && path.Is(5, "Microsoft.Cache") && path.Is(6, "redisEnterprise") && ManagedRedisAction(request) is { } action)
        {
            return action;
        }

        if (request.Method == "POST")
        {
            throw ArmErrors.NoRoute(request.Method, path.Raw);
        }

        return _resources.Handle(request);
    }

    /// <summary>.../redisEnterprise/{c}/privateLinkResources and .../redisEnterprise/{c}/databases/{db}/{action}; null for the rest.</summary>
    private ArmResult? ManagedRedisAction(ArmRequest request)
    {
        var path = request.Path;
        if (request.Method == "GET" && path.Count == 9 && path.Is(8, "privateLinkResources"))
        {
            return _managedRedisActions.PrivateLinkResources(request);
        }

        if (request.Method != "POST" || path.Count != 11 || !path.Is(8, "databases"))
        {
            return null;
        }

        return path[10].ToLowerInvariant() switch
        {
            "listkeys" => _managedRedisActions.ListKeys(request),
            "regeneratekey" => _managedRedisActions.RegenerateKey(request),
            "export" => _managedRedisActions.Export(request),
            "import" => _managedRedisActions.Import(request),
            _ => null,
        };
    }

    private static bool IsCheckPolicyRestrictions(ArmPath path, int namespaceIndex) =>
        path.Is(namespaceIndex, "Microsoft.PolicyInsights") && path.Is(namespaceIndex + 1, "checkPolicyRestrictions");

    /// <summary>POST {scope}/providers/Microsoft.PolicyInsights/checkPolicyRestrictions (policyinsights 2022-03-01 and 2024-10-01).</summary>
    private ArmResult CheckPolicyRestrictions(ArmRequest request, string scope)
    {
        string[] apiVersions = ["2022-03-01", "2024-10-01"];
        if (request.Method != "POST")
        {
            throw ArmErrors.MethodNotAllowed(request.Method);
        }

        if (!apiVersions.Contains(request.ApiVersion))
        {
            throw ArmErrors.InvalidApiVersion(request.ApiVersion, apiVersions);
        }

        return new ArmResult(200, _emulator.Policies.CheckRestrictions(scope, request.RequireObjectBody()));
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
        _emulator.RegionalAvailability.Require(type, request, resourceLocation: null, isList: true);
        var visible = _emulator.Store.Under($"/subscriptions/{path[1]}", type.Key)
            .Where(resource => RequestAuthorization.MayRead(request, _emulator.RoleAssignments, $"{type.Key}/read", resource.Id));
        return new ArmResult(200, request.Page(visible,
            r => _resources.Render(r, type), _emulator.Options.PageSize));
    }

    private static ArmResult RequireGet(ArmRequest request, Func<ArmRequest, ArmResult> handler) =>
        request.Method == "GET" ? handler(request) : throw ArmErrors.MethodNotAllowed(request.Method);
}
