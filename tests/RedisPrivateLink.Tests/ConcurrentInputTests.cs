using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace RedisPrivateLink.Tests;

/// <summary>
/// Pipeline input processed concurrently (StartEngine and -ThrottleLimit). The inputs wait on gates the tests open,
/// so every ordering asserted here is forced, never a matter of timing. xunit runs one class's tests one at a time,
/// which the shared gates rely on.
/// </summary>
public sealed class ConcurrentInputTests
{
    private const string CommandType = "RedisPrivateLink.Tests.TestConcurrentInputCommand";

    // Guards against a hung test run only; no test asserts how long anything takes.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Inputs_run_at_once_up_to_the_throttle_limit_and_their_output_keeps_input_order()
    {
        var gates = TestConcurrentInputCommand.Gates = new InputGates { HoldAll = true };
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ConcurrentInput").AddParameter("ThrottleLimit", 2);
        var invocation = shell.BeginInvoke(Input(1, 2, 3, 4, 5, 6));

        // The second input starts while the first is still held: ProcessRecord did not wait for it.
        await Task.WhenAll(gates.Started(1), gates.Started(2)).WaitAsync(HangGuard);
        // Each later input starts only when one before it ends; the first ends last of all.
        foreach (var item in new[] { 2, 3, 4, 5 })
        {
            gates.Release(item);
            await gates.Started(item + 1).WaitAsync(HangGuard);
        }

        gates.Release(6);
        gates.Release(1);
        var output = await Task.Factory.FromAsync(invocation, shell.EndInvoke).WaitAsync(HangGuard);

        Assert.False(shell.HadErrors);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, output.Select(o => (int)o.BaseObject));
        Assert.Equal(2, gates.MaxInFlight);
    }

    [Fact]
    public async Task Inputs_that_only_wait_free_their_slot_and_their_output_still_keeps_input_order()
    {
        var gates = TestConcurrentInputCommand.Gates = new InputGates { HoldAll = true };
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ConcurrentInput").AddParameter("ThrottleLimit", 2).AddParameter("FreeSlot", new[] { 1, 2, 3, 4 });
        var invocation = shell.BeginInvoke(Input(1, 2, 3, 4, 5, 6));

        // Every input waiting with its slot freed, the four start with none ended; the two that keep theirs fill the limit.
        await Task.WhenAll(Enumerable.Range(1, 6).Select(gates.Started)).WaitAsync(HangGuard);
        foreach (var item in new[] { 6, 5, 4, 3, 2, 1 })
        {
            gates.Release(item);
        }

        var output = await Task.Factory.FromAsync(invocation, shell.EndInvoke).WaitAsync(HangGuard);

        Assert.False(shell.HadErrors);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, output.Select(o => (int)o.BaseObject));
        Assert.Equal(6, gates.MaxInFlight);
    }

    [Fact]
    public void A_failed_input_is_a_non_terminating_error_with_its_id_and_target_and_the_others_complete()
    {
        TestConcurrentInputCommand.Gates = new InputGates();
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ConcurrentInput").AddParameter("ThrottleLimit", 3).AddParameter("Refuse", new[] { 2, 4 });

        var output = shell.Invoke(Enumerable.Range(1, 5));

        Assert.Equal(new[] { 1, 3, 5 }, output.Select(o => (int)o.BaseObject));
        Assert.Equal(new[] { $"InputRefused,{CommandType}", $"InputRefused,{CommandType}" }, shell.Streams.Error.Select(e => e.FullyQualifiedErrorId));
        Assert.Equal(new object[] { "input 2", "input 4" }, shell.Streams.Error.Select(e => e.TargetObject));
    }

    [Fact]
    public void Bad_input_stops_the_cmdlet_and_no_further_input_starts()
    {
        var gates = TestConcurrentInputCommand.Gates = new InputGates();
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ConcurrentInput").AddParameter("ThrottleLimit", 1).AddParameter("BadInput", new[] { 2 });
        var output = new PSDataCollection<PSObject>();

        var error = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke(Enumerable.Range(1, 5), output)).ErrorRecord;

        Assert.Equal($"InputInvalid,{CommandType}", error.FullyQualifiedErrorId);
        Assert.Equal(new[] { 1 }, output.Select(o => (int)o.BaseObject));
        Assert.True(gates.Started(2).IsCompleted);
        Assert.False(gates.Started(3).IsCompleted);
    }

    [Fact]
    public async Task Stop_cancels_every_input_in_flight()
    {
        var gates = TestConcurrentInputCommand.Gates = new InputGates { HoldAll = true };
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ConcurrentInput").AddParameter("ThrottleLimit", 3);
        var invocation = shell.BeginInvoke(Input(Enumerable.Range(1, 10).ToArray()));
        await Task.WhenAll(gates.Started(1), gates.Started(2), gates.Started(3)).WaitAsync(HangGuard);

        await Task.Run(shell.Stop).WaitAsync(HangGuard);

        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(invocation));
        Assert.True(SpinWait.SpinUntil(() => gates.Cancelled == 3, HangGuard));
        Assert.False(gates.Started(4).IsCompleted);
    }

    [Fact]
    public async Task Slots_that_Stop_frees_go_to_no_further_input()
    {
        var gates = TestConcurrentInputCommand.Gates = new InputGates { HoldAll = true };
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ConcurrentInput").AddParameter("ThrottleLimit", 3).AddParameter("IgnoreStop", new[] { 1 });
        var invocation = shell.BeginInvoke(Input(Enumerable.Range(1, 10).ToArray()));
        await Task.WhenAll(gates.Started(1), gates.Started(2), gates.Started(3)).WaitAsync(HangGuard);

        // Inputs 2 and 3 end at the stop while input 1, first in output order, is still running.
        await Task.Run(shell.Stop).WaitAsync(HangGuard);

        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(invocation));
        Assert.Equal(2, gates.Cancelled);
        Assert.False(gates.Started(4).IsCompleted);
        gates.Release(1);
    }

    [Fact]
    public void Each_inputs_questions_are_asked_together_on_the_pipeline_thread()
    {
        TestConcurrentInputCommand.Gates = new InputGates();
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ConcurrentInput").AddParameter("ThrottleLimit", 4).AddParameter("Ask")
            .AddParameter("Verbose").AddParameter("Confirm", false);

        var output = shell.Invoke(Enumerable.Range(1, 4));

        Assert.Equal(4, output.Count);
        var lines = shell.Streams.Verbose.Select(v => v.Message).ToList();
        Assert.Equal(8, lines.Count);
        for (var i = 0; i < lines.Count; i += 2)
        {
            var target = lines[i].Substring(lines[i].IndexOf("target", StringComparison.Ordinal));
            Assert.Contains("\"First\"", lines[i]);
            Assert.Equal($"Performing the operation \"Second\" on {target}", lines[i + 1]);
        }
    }

    [Fact]
    public async Task When_confirmation_may_prompt_inputs_run_one_at_a_time()
    {
        var gates = TestConcurrentInputCommand.Gates = new InputGates { HoldAll = true };
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-ConcurrentInput").AddParameter("ThrottleLimit", 4).AddParameter("Confirm");
        var invocation = shell.BeginInvoke(Input(1, 2));
        await gates.Started(1).WaitAsync(HangGuard);

        // Gives a second input the chance to start early, which it must not take.
        await Task.WhenAny(gates.Started(2), Task.Delay(TimeSpan.FromMilliseconds(500)));
        gates.Release(1);
        await gates.Started(2).WaitAsync(HangGuard);
        gates.Release(2);
        var output = await Task.Factory.FromAsync(invocation, shell.EndInvoke).WaitAsync(HangGuard);

        Assert.Equal(new[] { 1, 2 }, output.Select(o => (int)o.BaseObject));
        Assert.Equal(1, gates.MaxInFlight);
    }

    private static PSDataCollection<int> Input(params int[] items)
    {
        var input = new PSDataCollection<int>(items);
        input.Complete();
        return input;
    }
}
