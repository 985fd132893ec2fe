namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// The error ids the gateway raises itself for ARM refusals that every write may meet, whatever the workflow: they
/// need advice of their own rather than ARM's bare code.
/// </summary>
public static class ArmErrorIds
{
    /// <summary>
    /// A management lock (ReadOnly, or CanNotDelete for a delete) on the resource, its group or the subscription
    /// refused the write: ARM's 409 ScopeLocked. Never retried: only the lock's removal changes the answer.
    /// </summary>
    public const string ResourceLocked = nameof(ResourceLocked);

    /// <summary>
    /// A resource provider the command needs is not registered in the subscription and could not be registered:
    /// the credential lacks {namespace}/register/action, or the registration did not finish in time.
    /// </summary>
    public const string ResourceProviderNotRegistered = nameof(ResourceProviderNotRegistered);

    /// <summary>
    /// ARM answered NoRegisteredProviderFound for a resource type its provider does offer: the api-version the module
    /// pins has not reached that region yet (Azure/azure-cli-extensions#8033). Not the same as a cloud without the type.
    /// </summary>
    public const string ApiVersionNotInRegion = nameof(ApiVersionNotInRegion);

    /// <summary>
    /// An Azure Policy deny assignment refuses the write: ARM's own 403 code, raised both for ARM's refusal and, before
    /// any write, when checkPolicyRestrictions says a deny would refuse a resource the plan writes. Never retried.
    /// </summary>
    public const string RequestDisallowedByPolicy = nameof(RequestDisallowedByPolicy);
}
