using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Asserts that preparing a workflow is refused with an error id, before any ARM write.</summary>
internal static class Refusals
{
    public static Task<Exception> AssertRefusedAsync(WorkflowScenario scenario, NewPrivateCacheRequest request, string errorId) =>
        AssertRefusedAsync(scenario, () => scenario.PrepareAsync(request), errorId);

    public static Task<Exception> AssertRefusedAsync(WorkflowScenario scenario, AddPrivateEndpointRequest request, string errorId) =>
        AssertRefusedAsync(scenario, () => scenario.PrepareAsync(request), errorId);

    private static async Task<Exception> AssertRefusedAsync(WorkflowScenario scenario, Func<Task<PreparedWorkflow>> prepare, string errorId)
    {
        await scenario.Control.ClearRequestsAsync();

        var error = await Record.ExceptionAsync(prepare);

        Assert.NotNull(error);
        Assert.Equal(errorId, ErrorIdOf(error));
        Assert.Empty(await scenario.Control.WritesAsync());
        return error;
    }

    private static string? ErrorIdOf(Exception error) => error switch
    {
        ValidationException validation => validation.ErrorId,
        RedisPrivateLinkException refusal => refusal.ErrorId,
        _ => throw new Xunit.Sdk.XunitException($"Expected a refusal with an error id, got {error}"),
    };
}
