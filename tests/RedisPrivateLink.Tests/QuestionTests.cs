using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RedisPrivateLink.Tests;

/// <summary>
/// The one rule for questions. The in-process host has no UI, so a question that would be asked cannot be, as in a
/// runbook or pwsh -NonInteractive; both cmdlets are ConfirmImpact High, so the default $ConfirmPreference asks.
/// </summary>
public sealed class QuestionTests
{
    [Fact]
    public void Force_answers_without_asking_even_at_high_impact()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-Question").AddParameter("Force");

        var output = shell.Invoke();

        Assert.False(shell.HadErrors);
        Assert.Equal(new[] { "removed" }, output.Select(o => (string)o.BaseObject));
    }

    [Fact]
    public void A_question_the_session_cannot_ask_stops_with_ConfirmationRequired_naming_Force()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-Question");

        var error = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke()).ErrorRecord;

        Assert.Equal("ConfirmationRequired,RedisPrivateLink.Tests.TestQuestionCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Remove on 'the item' needs a confirmation that this session cannot give", error.Exception.Message);
        Assert.Contains("Add -Force", error.Exception.Message);
    }

    [Fact]
    public void Without_a_Force_parameter_the_way_on_is_Confirm_false()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-QuestionWithoutForce");

        var error = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke()).ErrorRecord;

        Assert.Equal("ConfirmationRequired,RedisPrivateLink.Tests.TestQuestionWithoutForceCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Add -Confirm:$false", error.Exception.Message);

        shell.Commands.Clear();
        shell.AddCommand("Test-QuestionWithoutForce").AddParameter("Confirm", false);
        Assert.Equal(new[] { "created" }, shell.Invoke().Select(o => (string)o.BaseObject));
    }

    [Fact]
    public void WhatIf_wins_over_Force()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-Question").AddParameter("Force").AddParameter("WhatIf");

        var output = shell.Invoke();

        Assert.False(shell.HadErrors);
        Assert.Empty(output);
    }

    [Fact]
    public void Confirm_given_with_Force_still_asks()
    {
        using var shell = PowerShellHost.Create();
        shell.AddCommand("Test-Question").AddParameter("Force").AddParameter("Confirm");

        var error = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke()).ErrorRecord;

        Assert.Equal("ConfirmationRequired,RedisPrivateLink.Tests.TestQuestionCommand", error.FullyQualifiedErrorId);
    }
}
