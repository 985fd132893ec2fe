using System;
using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// The job -AsJob returns: the same command with the same parameters (and the caller's context) run in a runspace of
/// its own on another thread of this process, its streams those of the job, so Get-Job, Wait-Job, Receive-Job and
/// Stop-Job work as for any PowerShell job.
/// </summary>
internal sealed class RedisPrivateLinkJob : Job
{
    private readonly PowerShell _powerShell;
    private readonly string _statusPrefix;

    private RedisPrivateLinkJob(string command, string name, PowerShell powerShell)
        : base(command, name)
    {
        _powerShell = powerShell;
        _statusPrefix = command;
        PSJobTypeName = "RedisPrivateLinkJob";
        var streams = _powerShell.Streams;
        streams.Error = Error;
        streams.Warning = Warning;
        streams.Verbose = Verbose;
        streams.Debug = Debug;
        streams.Progress = Progress;
        streams.Information = Information;
        _powerShell.InvocationStateChanged += OnInvocationStateChanged;
    }

    public override bool HasMoreData =>
        Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Verbose.Count > 0 || Debug.Count > 0 || Progress.Count > 0 || Information.Count > 0;

    public override string Location => "localhost";

    public override string StatusMessage => $"{_statusPrefix}: {JobStateInfo.State}";

    /// <summary>
    /// Starts <paramref name="commandName"/> of the module at <paramref name="modulePath"/> with
    /// <paramref name="parameters"/> in a new runspace.
    /// </summary>
    public static RedisPrivateLinkJob Start(string commandName, string modulePath, IDictionary parameters, string displayCommand)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { modulePath });
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        var powerShell = PowerShell.Create();
        powerShell.Runspace = runspace;
        powerShell.AddCommand(commandName).AddParameters(parameters);

        var job = new RedisPrivateLinkJob(displayCommand, $"{commandName} ({DateTime.Now:HH:mm:ss})", powerShell);
        job.SetJobState(JobState.Running);
        powerShell.BeginInvoke<PSObject, PSObject>(null, job.Output);
        return job;
    }

    public override void StopJob()
    {
        if (!IsFinished(JobStateInfo.State))
        {
            _powerShell.Stop();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _powerShell.InvocationStateChanged -= OnInvocationStateChanged;
            var runspace = _powerShell.Runspace;
            _powerShell.Dispose();
            runspace?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void OnInvocationStateChanged(object? sender, PSInvocationStateChangedEventArgs e)
    {
        var state = e.InvocationStateInfo.State switch
        {
            PSInvocationState.Completed => Error.Count > 0 ? JobState.Failed : JobState.Completed,
            PSInvocationState.Failed => JobState.Failed,
            PSInvocationState.Stopped => JobState.Stopped,
            _ => (JobState?)null,
        };
        if (state is not { } finished)
        {
            return;
        }

        if (e.InvocationStateInfo.Reason is { } reason && finished == JobState.Failed && Error.Count == 0)
        {
            Error.Add(reason is IContainsErrorRecord record
                ? record.ErrorRecord
                : new ErrorRecord(reason, "JobFailed", ErrorCategory.OperationStopped, null));
        }

        _powerShell.Runspace?.CloseAsync();
        SetJobState(finished);
    }

    private static bool IsFinished(JobState state) =>
        state is JobState.Completed or JobState.Failed or JobState.Stopped;
}
