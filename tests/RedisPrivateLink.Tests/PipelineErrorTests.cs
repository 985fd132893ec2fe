using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RedisPrivateLink.Tests;

/// <summary>
/// The module's one rule for errors, for cmdlets that process each input in turn (RunEngine); the concurrent ones
/// (StartEngine) are covered in ConcurrentInputTests: one failing input does not stop the others; bad input does.
/// </summary>
public sealed class PipelineErrorTests
{
    [Fact]
    public void A_failing_input_is_a_non_terminating_error_and_the_next_inputs_still_run()
    {
        using var shell = PowerShellHost.Create();
        shell.AddScript("1, 2, 3 | Test-EachInput -Refuse 2");

        var output = shell.Invoke();

        Assert.Equal(new[] { 1, 3 }, output.Select(o => (int)o.BaseObject));
        var error = Assert.Single(shell.Streams.Error);
        Assert.Equal("InputRefused,RedisPrivateLink.Tests.TestEachInputCommand", error.FullyQualifiedErrorId);
        Assert.Equal("input 2", error.TargetObject);
    }

    [Fact]
    public void Bad_input_stops_the_cmdlet()
    {
        using var shell = PowerShellHost.Create();
        shell.AddScript("1, 2, 3 | Test-EachInput -BadInput 2");

        var output = shell.Invoke();

        // Input 3 never ran: the statement ended at input 2.
        Assert.Equal(new[] { 1 }, output.Select(o => (int)o.BaseObject));
        var error = Assert.Single(shell.Streams.Error);
        Assert.Equal("InputInvalid,RedisPrivateLink.Tests.TestEachInputCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void ErrorAction_Stop_makes_a_failing_input_stop_the_pipeline()
    {
        using var shell = PowerShellHost.Create();
        shell.AddScript("1, 2, 3 | Test-EachInput -Refuse 2 -ErrorAction Stop");

        var error = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke()).ErrorRecord;

        Assert.Equal("InputRefused,RedisPrivateLink.Tests.TestEachInputCommand", error.FullyQualifiedErrorId);
    }
}
