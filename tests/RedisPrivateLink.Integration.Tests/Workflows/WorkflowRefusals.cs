using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Asserts that preparing any workflow is refused with an error id, and that nothing was written on the way.</summary>
internal static class WorkflowRefusals
{
    public static Task<Exception> AssertRefusedAsync(WorkflowScenario scenario, NewPrivateCacheRequest request, string errorId) =>
        AssertRefusedAsync(scenario, () => scenario.PrepareAsync(request), errorId);

    public static Task<Exception> AssertRefusedAsync(WorkflowScenario scenario, AddPrivateEndpointRequest request, string errorId) =>
        AssertRefusedAsync(scenario, () => scenario.PrepareAsync(request), errorId);

    public static async Task<Exception> AssertRefusedAsync(WorkflowScenario scenario, Func<Task<PreparedWorkflow>> prepare, string errorId)
    {
        await scenario.Control.ClearRequestsAsync();

        var error = await Record.ExceptionAsync(prepare);

        Assert.NotNull(error);
        Assert.Equal(errorId, error switch
        {
            ValidationException validation => validation.ErrorId,
            RedisPrivateLinkException refusal => refusal.ErrorId,
            _ => throw new Xunit.Sdk.XunitException($"Expected a refusal with an error id, got {error}"),
        });
        Assert.Empty(await scenario.Control.WritesAsync());
        return error;
    }

    /// <summary>Prepares a workflow that has nothing to do: its plan is empty and it wrote nothing.</summary>
    public static async Task<PreparedWorkflow> AssertNothingToDoAsync(WorkflowScenario scenario, Func<Task<PreparedWorkflow>> prepare)
    {
        await scenario.Control.ClearRequestsAsync();

        var prepared = await prepare();
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.Empty(prepared.Plan.Steps);
        Assert.Empty(result.Steps);
        Assert.Empty(await scenario.Control.WritesAsync());
        return prepared;
    }
}
