namespace RedisPrivateLink.Engine;

/// <summary>The kind of an engine error; named like PowerShell's ErrorCategory values so cmdlets map them by name.</summary>
public enum RedisPrivateLinkErrorCategory
{
    InvalidArgument,
    ObjectNotFound,
    InvalidData,
    InvalidOperation,
    AuthenticationError,
    ResourceUnavailable,
    ConnectionError,
    SecurityError,
    PermissionDenied,
}
