using System;
using System.Management.Automation;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// Turns what the engine throws into error records with specific ids and categories. Names only engine types: Azure.*
/// live in the module's private load context, out of this assembly's reach (the engine wraps their exceptions).
/// </summary>
internal static class EngineErrors
{
    public static ErrorRecord ToErrorRecord(Exception error, object? target) => error switch
    {
        ValidationException ex => new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, target ?? ex.ParameterName),
        RedisPrivateLinkException ex => new ErrorRecord(ex, ex.ErrorId, ToCategory(ex.Category), target ?? ex.Target),
        ArmException ex => new ErrorRecord(ex, ArmErrorId(ex), CategoryOf(ex.Status), target),
        // The step's own cause names the error; the exception (and its message) says which step and that a re-run continues.
        PlanStepFailedException ex => new ErrorRecord(ex, CauseErrorId(ex.InnerException), CauseCategory(ex.InnerException), target ?? ex.FailedStep.Target),
        _ => new ErrorRecord(error, "UnexpectedError", ErrorCategory.NotSpecified, target),
    };

    /// <summary>Bad input stops the cmdlet (the project's rule) even when it comes from one input among many.</summary>
    public static bool IsBadInput(Exception error) => error is ValidationException;

    private static string ArmErrorId(ArmException ex) => string.IsNullOrEmpty(ex.Code) ? "ArmRequestFailed" : ex.Code!;

    private static string CauseErrorId(Exception? cause) => cause switch
    {
        ValidationException ex => ex.ErrorId,
        RedisPrivateLinkException ex => ex.ErrorId,
        ArmException ex => ArmErrorId(ex),
        _ => PlanStepFailedException.PlanStepFailedErrorId,
    };

    private static ErrorCategory CauseCategory(Exception? cause) => cause switch
    {
        RedisPrivateLinkException ex => ToCategory(ex.Category),
        ArmException ex => CategoryOf(ex.Status),
        _ => ErrorCategory.OperationStopped,
    };

    private static ErrorCategory CategoryOf(int status) => status switch
    {
        400 => ErrorCategory.InvalidArgument,
        401 => ErrorCategory.AuthenticationError,
        403 => ErrorCategory.PermissionDenied,
        404 => ErrorCategory.ObjectNotFound,
        409 => ErrorCategory.ResourceExists,
        429 => ErrorCategory.LimitsExceeded,
        _ when status >= 500 => ErrorCategory.ConnectionError,
        _ => ErrorCategory.NotSpecified,
    };

    private static ErrorCategory ToCategory(RedisPrivateLinkErrorCategory category) =>
        Enum.TryParse<ErrorCategory>(category.ToString(), out var mapped) ? mapped : ErrorCategory.NotSpecified;
}
