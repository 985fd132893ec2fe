using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>
/// One entry of GET {scope}/providers/Microsoft.Authorization/permissions (azure-rest-api-specs, authorization
/// Permissions_ListForResourceGroup): the actions one role assignment allows at the scope, less its notActions.
/// </summary>
public sealed class PermissionBlock
{
    public IList<string>? Actions { get; set; }
    public IList<string>? NotActions { get; set; }
    public IList<string>? DataActions { get; set; }
    public IList<string>? NotDataActions { get; set; }
}
