using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using Xunit;

namespace RedisPrivateLink.Tests;

public sealed class RuntimeTests
{
    // Guards against a hung test run only; no test asserts how long anything takes.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public void Writes_from_background_tasks_reach_the_streams_in_order()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-BackgroundStreams").AddParameter("Count", 3).AddParameter("Verbose").AddParameter("Confirm", false);

        var output = shell.Invoke();

        Assert.False(shell.HadErrors);
        // ShouldProcess writes its own verbose line, in order between the engine's.
        Assert.Equal(
            Enumerable.Range(1, 3).SelectMany(i => new[] { $"verbose {i}", $"Performing the operation \"Create\" on target \"item {i}\"." }),
            shell.Streams.Verbose.Select(v => v.Message));
        Assert.Equal(new[] { "warning 1", "warning 2", "warning 3" }, shell.Streams.Warning.Select(w => w.Message));
        Assert.Equal(new[] { "step 1", "step 2", "step 3" }, shell.Streams.Progress.Select(p => p.StatusDescription));
        Assert.Equal(new[] { 33, 66, 100 }, shell.Streams.Progress.Select(p => p.PercentComplete));
        // Each object was produced on a pool thread, and PowerShell accepted it, which it only does on the pipeline thread.
        Assert.Equal(3, output.Count);
        Assert.All(output, o => Assert.NotEqual(TestBackgroundStreamsCommand.PipelineThreadId, (int)o.BaseObject));
    }

    [Fact]
    public void ShouldProcess_asked_from_a_background_task_honours_WhatIf()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-BackgroundStreams").AddParameter("Count", 2).AddParameter("WhatIf");

        var output = shell.Invoke();

        Assert.False(shell.HadErrors);
        Assert.Empty(output);
        Assert.Equal(new[] { "warning 1", "warning 2" }, shell.Streams.Warning.Select(w => w.Message));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stop_ends_engine_work_whether_or_not_it_honours_cancellation(bool honourCancellation)
    {
        TestHangCommand.Started.Reset();
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-Hang").AddParameter("HonourCancellation", honourCancellation);
        var invocation = shell.BeginInvoke();
        Assert.True(TestHangCommand.Started.Wait(HangGuard));

        await Task.Run(shell.Stop).WaitAsync(HangGuard);

        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(invocation));
    }

    [Fact]
    public void An_ARM_cmdlet_without_a_context_stops_with_NotConnected()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ContextResolution");

        var error = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke()).ErrorRecord;

        Assert.Equal("NotConnected,RedisPrivateLink.Tests.TestContextResolutionCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("Connect-RedisPrivateLink", error.Exception.Message);
    }

    [Fact]
    public void An_engine_refusal_keeps_its_error_id_category_and_target()
    {
        var refusal = new RedisPrivateLinkException("SubscriptionNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound, "No such subscription.");

        var error = InvokeEngineError(refusal);

        Assert.Equal("SubscriptionNotFound,RedisPrivateLink.Tests.TestEngineErrorCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("the target", error.TargetObject);
        Assert.Same(refusal, error.Exception);
    }

    [Theory]
    [InlineData(404, "ResourceGroupNotFound", "ResourceGroupNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(429, "SubscriptionRequestsThrottled", "SubscriptionRequestsThrottled", ErrorCategory.LimitsExceeded)]
    [InlineData(403, "AuthorizationFailed", "AuthorizationFailed", ErrorCategory.PermissionDenied)]
    [InlineData(500, null, "ArmRequestFailed", ErrorCategory.ConnectionError)]
    public void An_ARM_refusal_uses_its_code_as_the_error_id(int status, string? code, string errorId, ErrorCategory category)
    {
        var refusal = new ArmException(status, code is null ? null : new ArmError { Code = code, Message = "refused" }, "GET", "/subscriptions/x", "corr", "req");

        var error = InvokeEngineError(refusal);

        Assert.Equal($"{errorId},RedisPrivateLink.Tests.TestEngineErrorCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
    }

    // A failure of one input is non-terminating (the module's rule for errors): read it from the error stream.
    private static ErrorRecord InvokeEngineError(Exception exception)
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-EngineError").AddParameter("Error", exception);
        shell.Invoke();
        return Assert.Single(shell.Streams.Error);
    }
}
