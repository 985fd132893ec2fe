using System;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>
/// The resource a step will create or change, as its request will describe it: what Azure Policy is asked about
/// before the plan's first write. <see cref="Content"/> is the ARM model the step sends (for a PATCH, the fields it
/// changes).
/// </summary>
public sealed class PlannedWrite
{
    public PlannedWrite(ResourceId resourceId, object content)
    {
        ResourceId = resourceId ?? throw new ArgumentNullException(nameof(resourceId));
        Content = content ?? throw new ArgumentNullException(nameof(content));
    }

    public ResourceId ResourceId { get; }

    public object Content { get; }

    /// <summary>
    /// Whether the resource's name goes with the content. A change to one field of existing resources (a fleet's
    /// public network access) leaves it out, so one question per resource group and value serves every resource.
    /// </summary>
    public bool Named { get; set; } = true;
}
