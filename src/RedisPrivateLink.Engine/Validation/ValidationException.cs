using System;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// Input the module refuses before any ARM call. <see cref="ErrorId"/> becomes the error record's
/// FullyQualifiedErrorId; the message names the bad value and says what to change.
/// </summary>
public sealed class ValidationException : Exception
{
    public ValidationException(string errorId, string parameterName, string message)
        : base(message)
    {
        ErrorId = errorId;
        ParameterName = parameterName;
    }

    /// <summary>A stable identifier such as InvalidCacheName or SubnetOverlapsExistingSubnet.</summary>
    public string ErrorId { get; }

    /// <summary>The cmdlet parameter the bad value came from, for the error record's target.</summary>
    public string ParameterName { get; }
}
