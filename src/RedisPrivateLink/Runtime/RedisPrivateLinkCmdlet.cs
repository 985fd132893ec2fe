using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// The base of every cmdlet of the module. Engine work runs as a task with a token that StopProcessing cancels,
/// while the pipeline thread pumps what that work writes (verbose, warnings, progress, objects, ShouldProcess),
/// so Ctrl+C stops within a second and no stream is written from a background thread. Cmdlets that take many inputs
/// from the pipeline start each input's work with <see cref="StartEngine"/> and have it run concurrently.
/// </summary>
public abstract class RedisPrivateLinkCmdlet : PSCmdlet, IDisposable
{
    /// <summary>The default of -ThrottleLimit: ten inputs at once stay well inside ARM's write budget (200 + 10/s).</summary>
    public const int DefaultThrottleLimit = 10;

    /// <summary>The most -ThrottleLimit accepts.</summary>
    public const int MaxThrottleLimit = 64;

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _questions = new(1, 1);
    private readonly Queue<PipelineInputItem> _inputs = new();
    private PipelineDispatcher? _dispatcher;
    private PipelineDispatcher? _inputDispatcher;
    private CancellationTokenSource? _inputCancellation;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Waits for the work of every input <see cref="StartEngine"/> started and writes what is left of its output.</summary>
    protected override void EndProcessing()
    {
        while (_inputs.Count > 0)
        {
            PumpInputsUntil(_inputs.Peek().Work);
            WriteFinishedInputs();
        }
    }

    /// <summary>
    /// Runs engine work that produces the cmdlet's one result (Connect-RedisPrivateLink), pumping its output on the
    /// pipeline thread; any failure stops the cmdlet, since there is nothing else to go on with.
    /// </summary>
    protected T RunEngine<T>(Func<CancellationToken, Task<T>> work, object? errorTarget = null)
    {
        T result = default!;
        if (FailureOf(Run(async token => { result = await work(token).ConfigureAwait(false); })) is { } error)
        {
            ThrowTerminatingError(EngineErrors.ToErrorRecord(error, errorTarget));
        }

        return result;
    }

    /// <summary>
    /// Runs the engine work of the current input to completion, pumping its output on the pipeline thread. The
    /// module's one rule for errors: a failure of this input is a non-terminating error with its own id and target, so
    /// the next piped input still runs; bad input (a parameter to change) stops the cmdlet.
    /// </summary>
    protected void RunEngine(Func<CancellationToken, Task> work, object? errorTarget = null)
    {
        if (FailureOf(Run(work)) is { } error)
        {
            var record = EngineErrors.ToErrorRecord(error, errorTarget);
            if (EngineErrors.IsBadInput(error))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
        }
    }

    private Task Run(Func<CancellationToken, Task> work)
    {
        using var dispatcher = new PipelineDispatcher(_stopping.Token);
        _dispatcher = dispatcher;
        try
        {
            Task task;
            // Task.Run captures the reporter set here, so the engine's calls reach this invocation's streams.
            using (OperationReporter.Use(new CmdletReporter(this, dispatcher)))
            {
                task = Task.Run(() => work(_stopping.Token));
            }

            if (!dispatcher.PumpUntilDone(task))
            {
                throw new PipelineStoppedException();
            }

            return task;
        }
        finally
        {
            _dispatcher = null;
        }
    }

    /// <summary>
    /// Starts engine work for the current pipeline input and returns without waiting for it, once fewer than
    /// <paramref name="throttleLimit"/> inputs are running (one when confirmation may prompt, so each input's questions
    /// are answered before the next input starts); an input that called <see cref="FreeThrottleSlot"/> no longer counts. Output and errors are written in input order; a failure of one
    /// input is a non-terminating error with its own id and target, except bad input, which stops the cmdlet and
    /// cancels the other inputs. <see cref="EndProcessing"/> waits for the rest; Ctrl+C cancels every input in flight.
    /// </summary>
    protected void StartEngine(Func<CancellationToken, Task> work, int throttleLimit, object? errorTarget = null)
    {
        if (_inputDispatcher is null)
        {
            _inputDispatcher = new PipelineDispatcher(_stopping.Token);
            _inputCancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        }

        var limit = ConfirmationMayPrompt() ? 1 : throttleLimit;
        _inputDispatcher.RunPending();
        WriteFinishedInputs();
        // One snapshot per turn: a slot freed between counting and waiting must not leave nothing to wait for.
        for (var holding = HoldingSlots(); holding.Count >= limit; holding = HoldingSlots())
        {
            PumpInputsUntil(Task.WhenAny(holding));
            WriteFinishedInputs();
        }

        // Ctrl+C frees the slots of the inputs it cancels; none of them may go to an input not yet started.
        if (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        var item = new PipelineInputItem(errorTarget);
        // Task.Run inside Start captures the reporter set here, so the engine's calls reach this invocation's streams.
        using (OperationReporter.Use(new CmdletReporter(this, _inputDispatcher)))
        {
            item.Start(work, _inputCancellation!.Token);
        }

        _inputs.Enqueue(item);
    }

    private List<Task> HoldingSlots() => _inputs.Select(input => input.SlotFreed).Where(slot => !slot.IsCompleted).ToList();

    /// <summary>
    /// Tells <see cref="StartEngine"/> that the current input's work only waits on Azure from here on (its requests are
    /// sent), so the next input may start: -ThrottleLimit bounds the inputs sending requests, since an operation in
    /// flight at Azure costs the client nothing while it waits. Its output still keeps input order.
    /// </summary>
    protected static void FreeThrottleSlot() => PipelineInputItem.Current?.FreeSlot();

    /// <summary>
    /// Runs <paramref name="questions"/> (ShouldProcess calls for one input) while no other input asks any, so the
    /// questions and -WhatIf lines of concurrently processed inputs never interleave.
    /// </summary>
    protected async Task<T> AskTogetherAsync<T>(Func<Task<T>> questions, CancellationToken cancellationToken)
    {
        await _questions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await questions().ConfigureAwait(false);
        }
        finally
        {
            _questions.Release();
        }
    }

    /// <summary>
    /// Asks ShouldProcess (or a further question) on the pipeline thread, with the module's one rule for questions:
    /// -Force answers yes without asking (the Az convention) unless -Confirm is given or -WhatIf only shows the plan,
    /// and a question this session cannot ask (a runbook, pwsh -NonInteractive) stops the command with
    /// ConfirmationRequired before anything is written, instead of PowerShell's host error.
    /// </summary>
    /// <param name="question">The question; runs only when one may be asked.</param>
    /// <param name="subject">What is asked about, for the message when it cannot be asked.</param>
    /// <param name="howToGoOn">What to add to the command instead; by default -Force or -Confirm:$false.</param>
    private protected bool AskQuestion(Func<bool> question, string subject, string? howToGoOn = null)
    {
        if (AnswersWithoutAsking)
        {
            return true;
        }

        try
        {
            return question();
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or HostException)
        {
            var hasForce = MyInvocation.MyCommand.Parameters.ContainsKey("Force");
            howToGoOn ??= hasForce
                ? "Add -Force to go on without being asked, or -WhatIf to see what it would do."
                : "Add -Confirm:$false to go on without being asked, or -WhatIf to see what it would do.";
            // A parameter to add, not a failure of one input: it stops the cmdlet, as bad input does.
            throw new ValidationException(
                "ConfirmationRequired",
                hasForce ? "Force" : "Confirm",
                $"{subject} needs a confirmation that this session cannot give (it cannot prompt; {ex.Message.TrimEnd('.')}). {howToGoOn}");
        }
    }

    /// <summary>-Force given, without -Confirm or -WhatIf: every question is answered yes without being asked.</summary>
    private protected bool AnswersWithoutAsking => IsPresent("Force") && !IsPresent("Confirm") && !IsWhatIf;

    private protected bool IsPresent(string switchName) =>
        MyInvocation.BoundParameters.TryGetValue(switchName, out var value) && value is SwitchParameter { IsPresent: true };

    /// <summary>WriteObject for engine work: safe to call from any task inside <see cref="RunEngine"/> or <see cref="StartEngine"/>.</summary>
    protected void WriteObjectFromTask(object? sendToPipeline) =>
        WriteInTurn(() => WriteObject(sendToPipeline));

    /// <summary>WriteWarning for engine work: safe to call from any task inside <see cref="RunEngine"/> or <see cref="StartEngine"/>; warnings are not held for input order.</summary>
    protected void WriteWarningFromTask(string message) =>
        Dispatcher.Post(() => WriteWarning(message));

    /// <summary>A non-terminating error for engine work: safe to call from any task inside <see cref="RunEngine"/> or <see cref="StartEngine"/>.</summary>
    protected void WriteErrorFromTask(ErrorRecord error) =>
        WriteInTurn(() => WriteError(error));

    /// <summary>Stops the cmdlet with a specific error id, before or instead of any engine work.</summary>
    protected void ThrowTerminating(string errorId, ErrorCategory category, string message, object? target = null) =>
        ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), errorId, category, target));

    public void Dispose()
    {
        // Inputs still in flight (a later command in the pipeline failed) must not outlive the cmdlet.
        _inputCancellation?.Cancel();
        _inputCancellation?.Dispose();
        _inputDispatcher?.Dispose();
        _stopping.Dispose();
        _questions.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The pump of the engine work in progress; only valid inside <see cref="RunEngine"/> or <see cref="StartEngine"/>.</summary>
    private protected PipelineDispatcher Dispatcher =>
        _dispatcher ?? _inputDispatcher ?? throw new InvalidOperationException("Only engine work started by RunEngine or StartEngine may use this.");

    /// <summary>Output of an input processed concurrently waits for its turn; any other goes straight to the pipeline thread.</summary>
    private void WriteInTurn(Action write)
    {
        if (PipelineInputItem.Current is { } input)
        {
            input.Hold(write);
        }
        else
        {
            Dispatcher.Post(write);
        }
    }

    private void PumpInputsUntil(Task signal)
    {
        if (!_inputDispatcher!.PumpUntil(signal))
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Writes the output and errors of the finished inputs at the head of the queue, in input order.</summary>
    private void WriteFinishedInputs()
    {
        while (_inputs.Count > 0 && _inputs.Peek().Work.IsCompleted)
        {
            var input = _inputs.Dequeue();
            foreach (var write in input.TakeHeld())
            {
                write();
            }

            if (FailureOf(input.Work) is not { } error)
            {
                continue;
            }

            var record = EngineErrors.ToErrorRecord(error, input.ErrorTarget);
            if (EngineErrors.IsBadInput(error))
            {
                _inputCancellation!.Cancel();
                ThrowTerminatingError(record);
            }

            WriteError(record);
        }
    }

    /// <summary>Whether this run only shows what it would do: -WhatIf, or $WhatIfPreference when -WhatIf is not given.</summary>
    protected bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
        ? ((SwitchParameter)whatIf).IsPresent
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>
    /// Whether ShouldProcess may ask the user: -Confirm, or $ConfirmPreference at or below this cmdlet's impact, and
    /// neither -WhatIf nor -Force. Prompts for concurrently running inputs would leave the user answering for one while others run.
    /// </summary>
    private bool ConfirmationMayPrompt()
    {
        var bound = MyInvocation.BoundParameters;
        if (IsWhatIf || AnswersWithoutAsking)
        {
            return false;
        }

        if (bound.TryGetValue("Confirm", out var confirm))
        {
            return ((SwitchParameter)confirm).IsPresent;
        }

        var impact = ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute))!).ConfirmImpact;
        return LanguagePrimitives.TryConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference"), out var preference)
            && preference != ConfirmImpact.None
            && preference <= impact;
    }

    /// <summary>What a finished task failed with, or null; Ctrl+C ends the pipeline instead.</summary>
    private Exception? FailureOf(Task task)
    {
        if (!task.IsFaulted && !task.IsCanceled)
        {
            return null;
        }

        var error = task.IsCanceled ? new OperationCanceledException() : task.Exception!.GetBaseException();
        if (error is OperationCanceledException && _stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        return error;
    }
}
