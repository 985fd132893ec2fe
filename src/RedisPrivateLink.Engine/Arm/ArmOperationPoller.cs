using System;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Follows ARM's long-running operations to their end — the Azure-AsyncOperation status, the Location result, or the
/// resource's own provisioningState (Redis's 201/200 style) — one poll interval apart, with a progress bar each.
/// <see cref="ArmGateway"/> sends the polls; this decides when to send them and what their answers mean.
/// </summary>
internal sealed class ArmOperationPoller
{
    private static int _nextActivityId = 7000;

    private readonly ArmGatewayOptions _options;
    private readonly Func<Uri, CancellationToken, Task<ArmResponse>> _poll;
    private readonly Func<ResourceId, Uri, CancellationToken, Task<ArmResponse>> _pollResource;
    private readonly Func<string, Uri> _serverUri;

    /// <param name="poll">GETs an operation URL as a poll.</param>
    /// <param name="pollResource">GETs a resource as a poll.</param>
    /// <param name="serverUri">A URL ARM handed over, checked to be on ARM's own host.</param>
    public ArmOperationPoller(ArmGatewayOptions options, Func<Uri, CancellationToken, Task<ArmResponse>> poll, Func<ResourceId, Uri, CancellationToken, Task<ArmResponse>> pollResource, Func<string, Uri> serverUri)
    {
        _options = options;
        _poll = poll;
        _pollResource = pollResource;
        _serverUri = serverUri;
    }

    /// <summary>True when a write's answer names an operation to follow: Azure-AsyncOperation, or Location on a 202.</summary>
    public static bool NamesOperation(ArmResponse response) =>
        response.GetHeader("Azure-AsyncOperation") is not null || (response.Status == 202 && response.GetHeader("Location") is not null);

    /// <summary>True when the resource in a write's answer is still being provisioned.</summary>
    public static bool IsProvisioning(ArmResponse response) => !ArmOperationStates.IsTerminal(ProvisioningState(response.Content));

    /// <summary>The 201/200 style (Redis PUT): GET the resource until its provisioningState is terminal.</summary>
    public async Task<T> PollResourceAsync<T>(string method, ResourceId id, Uri uri, ArmResponse initial, CancellationToken cancellationToken)
    {
        using var progress = new OperationProgress(method, id);
        var response = initial;
        while (true)
        {
            var state = ProvisioningState(response.Content);
            progress.Report(state);
            if (ArmOperationStates.IsFailure(state))
            {
                throw new ArmException(response.Status, new ArmError { Code = "Provisioning" + state, Message = $"Provisioning of '{id}' ended {state}." }, method, id.ToString(), response.CorrelationId, response.RequestId);
            }

            if (ArmOperationStates.IsTerminal(state))
            {
                return response.ReadAs<T>()!;
            }

            await _options.Delay(PollDelay(response, id), cancellationToken).ConfigureAwait(false);
            response = await _pollResource(id, uri, cancellationToken).ConfigureAwait(false);
            ArmGateway.EnsureSuccess(response, "GET", id.ToString());
        }
    }

    /// <summary>
    /// The 202/201 + header styles: poll Azure-AsyncOperation until its status is terminal, else poll Location until it
    /// stops answering 202. Returns the last poll's response (for Location, the operation's result).
    /// </summary>
    public async Task<ArmResponse?> WaitForOperationAsync(string method, ResourceId? id, ArmResponse initial, CancellationToken cancellationToken)
    {
        var asyncOperation = initial.GetHeader("Azure-AsyncOperation");
        var location = initial.GetHeader("Location");
        if (asyncOperation is null && location is null)
        {
            return null;
        }

        var target = id?.ToString() ?? "operation";
        using var progress = new OperationProgress(method, id);
        var pollUri = _serverUri(asyncOperation ?? location!);
        var last = initial;
        while (true)
        {
            await _options.Delay(PollDelay(last, id), cancellationToken).ConfigureAwait(false);
            last = await _poll(pollUri, cancellationToken).ConfigureAwait(false);
            if (asyncOperation is null)
            {
                progress.Report(last.Status == 202 ? "InProgress" : "Done");
                if (last.Status == 202)
                {
                    // Microsoft.Cache re-signs the URL on every 202 (the az redis export recording): follow the newest,
                    // as ARM's async-operation guidance asks, so a signature that expires does not strand the poll.
                    if (last.GetHeader("Location") is { } newer)
                    {
                        pollUri = _serverUri(newer);
                    }

                    continue;
                }

                if (method == "DELETE" && last.Status == 404)
                {
                    return last;
                }

                ArmGateway.EnsureSuccess(last, "GET", target);
                return last;
            }

            // Private DNS answers 202 while its operation runs; any success status carries the status body.
            ArmGateway.EnsureSuccess(last, "GET", target);
            var status = last.ReadAs<AsyncOperationStatus>();
            var state = last.Status == 202 && status?.Status is null ? "InProgress" : status?.Status ?? "InProgress";
            progress.Report(state, status?.PercentComplete);
            if (ArmOperationStates.IsSuccess(state))
            {
                return location is not null && method == "POST" ? await ReadLocationResultAsync(location, target, cancellationToken).ConfigureAwait(false) : last;
            }

            if (ArmOperationStates.IsFailure(state))
            {
                var error = status?.Error ?? new ArmError { Code = "Operation" + state, Message = $"The operation on '{target}' ended {state}." };
                throw new ArmException(last.Status, error, method, target, last.CorrelationId ?? initial.CorrelationId, last.RequestId);
            }
        }
    }

    /// <summary>The service's poll interval: Microsoft.Cache's long creates, or the network's and DNS's quick ones.</summary>
    public TimeSpan DefaultPollDelay(ResourceId? id)
    {
        var delay = string.Equals(id?.ProviderNamespace, "Microsoft.Cache", StringComparison.OrdinalIgnoreCase) ? _options.RedisPollingDelay : _options.PollingDelay;
        return delay > _options.MaxPollingDelay ? _options.MaxPollingDelay : delay;
    }

    private async Task<ArmResponse> ReadLocationResultAsync(string location, string target, CancellationToken cancellationToken)
    {
        var result = await _poll(_serverUri(location), cancellationToken).ConfigureAwait(false);
        ArmGateway.EnsureSuccess(result, "GET", target);
        return result;
    }

    /// <summary>
    /// How long to wait before the next poll: Retry-After when ARM sends a positive one (recordings show "0" as an
    /// artefact), else the service default; never more than <see cref="ArmGatewayOptions.MaxPollingDelay"/>.
    /// </summary>
    private TimeSpan PollDelay(ArmResponse response, ResourceId? id)
    {
        var delay = ServerPollDelay(response) is { } serverDelay && serverDelay > TimeSpan.Zero
            ? serverDelay
            : DefaultPollDelay(id);
        return delay > _options.MaxPollingDelay ? _options.MaxPollingDelay : delay;
    }

    /// <summary>
    /// The interval the server asks for: retry-after-ms first, as Azure.Core's delay strategy reads it (the local
    /// emulator sends it when its pace makes Retry-After's whole seconds round to 0), else Retry-After.
    /// </summary>
    private static TimeSpan? ServerPollDelay(ArmResponse response) =>
        long.TryParse(response.GetHeader("retry-after-ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : ArmRetryRules.RetryAfter(response.GetHeader("Retry-After"));

    private static string? ProvisioningState(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("provisioningState", out var state)
                && state.ValueKind == JsonValueKind.String
                    ? state.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Write-Progress for one long-running operation: the resource as activity, state and elapsed time as status.</summary>
    private sealed class OperationProgress : IDisposable
    {
        private readonly int _activityId = Interlocked.Increment(ref _nextActivityId);
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();
        private readonly string _activity;
        private string _lastStatus = "Started";

        public OperationProgress(string method, ResourceId? id)
        {
            var verb = method switch { "PUT" => "Creating or updating", "PATCH" => "Updating", "DELETE" => "Deleting", _ => "Running" };
            _activity = id is null ? verb + " operation" : $"{verb} {id.ResourceType} '{id.Name}'";
        }

        public void Report(string? state, double? percentComplete = null)
        {
            _lastStatus = $"{state ?? "InProgress"} ({_elapsed.Elapsed:hh\\:mm\\:ss} elapsed)";
            OperationReporter.Current.Progress(new ProgressUpdate(_activityId, _activity, _lastStatus)
            {
                PercentComplete = percentComplete is { } percent ? (int)Math.Max(0, Math.Min(100, percent)) : -1,
            });
        }

        public void Dispose() => OperationReporter.Current.Progress(new ProgressUpdate(_activityId, _activity, _lastStatus) { Completed = true });
    }
}
