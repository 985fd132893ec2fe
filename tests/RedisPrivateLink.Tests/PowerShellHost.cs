using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace RedisPrivateLink.Tests;

/// <summary>An in-process PowerShell with the test cmdlets and the module's cmdlets registered.</summary>
internal static class PowerShellHost
{
    public static System.Management.Automation.PowerShell Create()
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var type in new[]
                 {
                     typeof(TestBackgroundStreamsCommand), typeof(TestHangCommand), typeof(TestEngineErrorCommand),
                     typeof(TestContextResolutionCommand), typeof(TestConcurrentInputCommand), typeof(TestQuestionCommand),
                     typeof(TestQuestionWithoutForceCommand), typeof(TestEachInputCommand),
                 })
        {
            var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(type, typeof(CmdletAttribute))!;
            state.Commands.Add(new SessionStateCmdletEntry($"{attribute.VerbName}-{attribute.NounName}", type, null));
        }

        var shell = System.Management.Automation.PowerShell.Create(state);
        return shell;
    }
}
