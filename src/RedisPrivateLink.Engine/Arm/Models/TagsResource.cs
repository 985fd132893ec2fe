namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>
/// The tags of a scope as the Tags API (<c>{scope}/providers/Microsoft.Resources/tags/default</c>) holds them, which
/// can merge or delete single tags without rewriting the others.
/// </summary>
public sealed class TagsResource : ArmResource<TagsResourceProperties>
{
}
