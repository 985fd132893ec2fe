using System;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// One Azure RBAC action a request performs (for example <c>Microsoft.Network/privateEndpoints/write</c>) and the scope
/// ARM checks it at: the resource written, or the resource a write links to (a subnet it joins).
/// </summary>
public sealed class ArmPermission : IEquatable<ArmPermission>
{
    public const string SubnetJoin = "Microsoft.Network/virtualNetworks/subnets/join/action";
    public const string VirtualNetworkJoin = "Microsoft.Network/virtualNetworks/join/action";
    public const string PrivateDnsZoneJoin = "Microsoft.Network/privateDnsZones/join/action";
    public const string TagsWrite = "Microsoft.Resources/tags/write";
    public const string ResourceGroupWrite = "Microsoft.Resources/subscriptions/resourceGroups/write";

    public ArmPermission(string action, string scope)
    {
        Action = string.IsNullOrWhiteSpace(action) ? throw new ArgumentException("An action is required.", nameof(action)) : action;
        Scope = string.IsNullOrWhiteSpace(scope) ? throw new ArgumentException("A scope is required.", nameof(scope)) : scope.TrimEnd('/');
    }

    public string Action { get; }

    /// <summary>An ARM id: a subscription, a resource group or a resource.</summary>
    public string Scope { get; }

    /// <summary>Creating or updating the resource (PUT or PATCH): <c>{type}/write</c>.</summary>
    public static ArmPermission Write(ResourceId id) => new(ActionOf(id, "write"), id.ToString());

    public static ArmPermission Delete(ResourceId id) => new(ActionOf(id, "delete"), id.ToString());

    /// <summary>A POST action on the resource, such as export: <c>{type}/{action}/action</c>.</summary>
    public static ArmPermission Invoke(ResourceId id, string action) => new($"{id.ResourceType}/{action}/action", id.ToString());

    /// <summary>Joining a resource a write links to: <c>{type}/join/action</c> on it.</summary>
    public static ArmPermission Join(ResourceId id) => new($"{id.ResourceType}/join/action", id.ToString());

    /// <summary>Registering a resource provider namespace in the subscription.</summary>
    public static ArmPermission Register(string subscriptionId, string providerNamespace) =>
        new($"{providerNamespace}/register/action", ResourceId.ForSubscription(subscriptionId).ToString());

    public bool Equals(ArmPermission? other) =>
        other is not null && string.Equals(Action, other.Action, StringComparison.OrdinalIgnoreCase) && string.Equals(Scope, other.Scope, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as ArmPermission);

    public override int GetHashCode() =>
        (StringComparer.OrdinalIgnoreCase.GetHashCode(Action) * 397) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(Scope);

    public override string ToString() => $"{Action} on {Scope}";

    /// <summary>A resource group's actions are Microsoft.Resources/subscriptions/resourceGroups/*, not its type's name.</summary>
    private static string ActionOf(ResourceId id, string verb) =>
        id.IsOfType(ResourceId.ResourceGroupType) ? $"Microsoft.Resources/subscriptions/resourceGroups/{verb}" : $"{id.ResourceType}/{verb}";
}
