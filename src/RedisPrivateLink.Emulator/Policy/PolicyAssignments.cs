using System.Text.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Policy;

/// <summary>
/// Azure Policy as the emulator models it: Deny assignments refuse PUTs and PATCHes (a PATCH judged on the resource it
/// would leave) with ARM's 403 RequestDisallowedByPolicy, answer checkPolicyRestrictions, and DeployIfNotExists
/// assignments add the DNS zone group "deployedByPolicy" to a new private endpoint some time after it succeeded, as
/// the built-in "Configure Azure Cache for Redis to use private DNS zones" does. Set through the control plane only.
/// </summary>
internal sealed class PolicyAssignments(EmulatorContext emulator)
{
    /// <summary>The zone group name the built-in DeployIfNotExists template deploys ("[concat(parameters('privateEndpointName'), '/deployedByPolicy')]").</summary>
    public const string DeployedZoneGroupName = "deployedByPolicy";

    /// <summary>Azure documents no fixed delay ("after a configurable delay"); 15 minutes is our reading of what users see.</summary>
    public static readonly TimeSpan DefaultDeploymentDelay = TimeSpan.FromMinutes(15);

    private const string EndpointType = "Microsoft.Network/privateEndpoints";
    private const string ZoneGroupType = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";

    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web);

    private readonly object _gate = new();
    private readonly Dictionary<string, PolicyAssignment> _assignments = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (PolicyAssignment Assignment, DateTimeOffset DueAt)> _deployments = new(StringComparer.OrdinalIgnoreCase);

    public void Set(PolicyAssignment assignment)
    {
        lock (_gate)
        {
            _assignments[assignment.Name] = assignment;
        }
    }

    public bool Remove(string name)
    {
        lock (_gate)
        {
            return _assignments.Remove(name);
        }
    }

    public PolicyAssignment? Find(string name)
    {
        lock (_gate)
        {
            return _assignments.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<PolicyAssignment> List()
    {
        lock (_gate)
        {
            return _assignments.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _assignments.Clear();
            _deployments.Clear();
        }
    }

    /// <summary>An assignment as the control plane shows it: what was set, plus its id.</summary>
    public static JsonObject Render(PolicyAssignment assignment)
    {
        var body = JsonSerializer.SerializeToNode(assignment, ControlJson)!.AsObject();
        body["name"] = assignment.Name;
        body["id"] = assignment.Id;
        return body;
    }

    /// <summary>
    /// ARM's refusal of a write whose resulting content a Deny assignment in scope matches: 403 RequestDisallowedByPolicy,
    /// one PolicyViolation entry in additionalInfo per assignment.
    /// </summary>
    public void RequireAllowed(string resourceId, string type, string name, JsonObject content)
    {
        var violations = Violations(resourceId, type, content);
        if (violations.Count == 0)
        {
            return;
        }

        var identifiers = new JsonArray(violations.Select(v => (JsonNode)new JsonObject
        {
            ["policyAssignment"] = new JsonObject { ["name"] = v.Assignment.AssignmentDisplayName, ["id"] = v.Assignment.Id },
            ["policyDefinition"] = new JsonObject { ["name"] = v.Assignment.DefinitionDisplayName, ["id"] = v.Assignment.DefinitionId },
        }).ToArray());
        throw new ArmException(403, "RequestDisallowedByPolicy",
            $"Resource '{name}' was disallowed by policy. Policy identifiers: '{identifiers.ToJsonString()}'.", name)
        {
            AdditionalInfo = new JsonArray(violations.Select(v => (JsonNode)new JsonObject
            {
                ["type"] = "PolicyViolation",
                ["info"] = new JsonObject
                {
                    ["evaluationDetails"] = new JsonObject { ["evaluatedExpressions"] = v.Expressions },
                    ["policyDefinitionId"] = v.Assignment.DefinitionId,
                    ["policyDefinitionName"] = v.Assignment.DefinitionName,
                    ["policyDefinitionDisplayName"] = v.Assignment.DefinitionDisplayName,
                    ["policyDefinitionEffect"] = "deny",
                    ["policyAssignmentId"] = v.Assignment.Id,
                    ["policyAssignmentName"] = v.Assignment.Name,
                    ["policyAssignmentDisplayName"] = v.Assignment.AssignmentDisplayName,
                    ["policyAssignmentScope"] = v.Assignment.Scope,
                    ["policyAssignmentParameters"] = new JsonObject(),
                    ["policyExemptionIds"] = new JsonArray(),
                    ["policyEnrollmentIds"] = new JsonArray(),
                },
            }).ToArray()),
        };
    }

    /// <summary>
    /// POST {scope}/providers/Microsoft.PolicyInsights/checkPolicyRestrictions: the Deny assignments covering the call's
    /// scope (a resource group call also sees the group's; a subscription call only the subscription's) judged against
    /// resourceDetails.resourceContent, as contentEvaluationResult.policyEvaluations (NonCompliant) and the fields they
    /// restrict (fieldRestrictions).
    /// </summary>
    public JsonObject CheckRestrictions(string scope, JsonObject request)
    {
        var details = request["resourceDetails"] as JsonObject
                      ?? throw ArmErrors.InvalidRequestContent("resourceDetails is required");
        var content = details["resourceContent"] as JsonObject
                      ?? throw ArmErrors.InvalidRequestContent("resourceDetails.resourceContent is required");
        var type = PolicyEvaluation.Value(content, "type") ?? "";
        var evaluations = new JsonArray();
        var restrictions = new JsonArray();
        foreach (var (assignment, expressions) in Violations(scope, type, content))
        {
            var policy = new JsonObject { ["policyDefinitionId"] = assignment.DefinitionId, ["policyAssignmentId"] = assignment.Id };
            evaluations.Add(new JsonObject
            {
                ["policyInfo"] = policy,
                ["evaluationResult"] = "NonCompliant",
                ["evaluationDetails"] = new JsonObject { ["evaluatedExpressions"] = expressions },
            });
            if (assignment.Field is { } field && assignment.EqualsValue is { } denied)
            {
                restrictions.Add(new JsonObject
                {
                    ["field"] = field,
                    ["restrictions"] = new JsonArray(new JsonObject { ["result"] = "Deny", ["values"] = new JsonArray(denied), ["policy"] = policy.DeepClone() }),
                });
            }
        }

        return new JsonObject
        {
            ["fieldRestrictions"] = restrictions,
            ["contentEvaluationResult"] = new JsonObject { ["policyEvaluations"] = evaluations },
        };
    }

    /// <summary>
    /// A resource reached Succeeded: a private endpoint to a group a DeployIfNotExists assignment in scope serves is
    /// due its zone group after the assignment's delay, counted from <paramref name="succeededAt"/>.
    /// </summary>
    public void OnSucceeded(StoredResource resource, DateTimeOffset succeededAt)
    {
        if (!resource.TypeKey.Equals(EndpointType, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var groupIds = (resource.Body["properties"]?["privateLinkServiceConnections"] as JsonArray ?? [])
            .SelectMany(c => c?["properties"]?["groupIds"] as JsonArray ?? [])
            .Select(g => g?.ToString())
            .ToList();
        lock (_gate)
        {
            var assignment = _assignments.Values.FirstOrDefault(a => a.Effect == PolicyAssignment.DeployIfNotExists && a.Covers(resource.Id)
                && groupIds.Contains(a.GroupId, StringComparer.OrdinalIgnoreCase));
            if (assignment is not null && !_deployments.ContainsKey(resource.Id))
            {
                var delay = assignment.DelaySeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultDeploymentDelay;
                _deployments[resource.Id] = (assignment, succeededAt + emulator.Scale(delay));
            }
        }
    }

    /// <summary>
    /// Runs the deployments whose time has come: an endpoint that still exists and still has no zone group gets
    /// "deployedByPolicy" naming the assignment's zone, written as a zone group PUT would be, its A record included.
    /// A zone that does not exist fails the deployment, which leaves nothing behind.
    /// </summary>
    public void DeployDue(DateTimeOffset now)
    {
        List<(string EndpointId, PolicyAssignment Assignment)> due;
        lock (_gate)
        {
            due = _deployments.Where(d => d.Value.DueAt <= now).Select(d => (d.Key, d.Value.Assignment)).ToList();
            foreach (var (endpointId, _) in due)
            {
                _deployments.Remove(endpointId);
            }
        }

        foreach (var (endpointId, assignment) in due)
        {
            Deploy(endpointId, assignment);
        }
    }

    private void Deploy(string endpointId, PolicyAssignment assignment)
    {
        var store = emulator.Store;
        if (store.Find(endpointId) is not { ProvisioningState: "Succeeded" } endpoint || store.Under(endpointId, ZoneGroupType).Any())
        {
            return;
        }

        var type = ResourceTypeCatalog.Find(ZoneGroupType)!;
        var segments = endpointId.Split('/');
        var resourceGroup = store.Find(string.Join('/', segments.Take(5)))!;
        var zoneName = assignment.PrivateDnsZoneId![(assignment.PrivateDnsZoneId!.LastIndexOf('/') + 1)..];
        var id = $"{endpoint.Id}/{type.IdSegment}/{DeployedZoneGroupName}";
        var context = new WriteContext
        {
            Id = id,
            Name = DeployedZoneGroupName,
            Type = type,
            Request = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["privateDnsZoneConfigs"] = new JsonArray(new JsonObject
                    {
                        // The built-in names its config after the zone: privatelink-redis-cache-windows-net.
                        ["name"] = zoneName.Replace('.', '-'),
                        ["properties"] = new JsonObject { ["privateDnsZoneId"] = assignment.PrivateDnsZoneId },
                    }),
                },
            },
            ResourceGroup = resourceGroup,
            Store = store,
            Options = emulator.Options,
            ApiVersion = type.ApiVersions[^1],
        };
        try
        {
            type.Provider.Validate(context);
        }
        catch (ArmException)
        {
            return;
        }

        var resource = new StoredResource
        {
            Id = id,
            TypeKey = type.Key,
            Sequence = store.NextSequence(),
            Body = type.Provider.Build(context),
            ProvisioningState = "Succeeded",
        };
        store.Put(resource);
        type.Provider.OnSucceeded(resource, store);
    }

    private List<(PolicyAssignment Assignment, JsonArray Expressions)> Violations(string scope, string type, JsonObject content)
    {
        lock (_gate)
        {
            return _assignments.Values
                .Where(a => a.Effect == PolicyAssignment.Deny && a.Covers(scope))
                .Select(a => (Assignment: a, Expressions: PolicyEvaluation.Violation(a, type, content)))
                .Where(v => v.Expressions is not null)
                .Select(v => (v.Assignment, v.Expressions!))
                .ToList();
        }
    }
}
