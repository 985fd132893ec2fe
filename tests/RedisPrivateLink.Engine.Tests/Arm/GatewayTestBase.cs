using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>A gateway on a fake transport whose waits are recorded instead of slept, with a reporter in scope.</summary>
public abstract class GatewayTestBase : IDisposable
{
    internal const string Arm = "https://management.azure.com";
    internal const string Subscription = "00000000-0000-0000-0000-000000000000";

    private readonly IDisposable _reporterScope;

    protected GatewayTestBase() => _reporterScope = OperationReporter.Use(Reporter);

    internal RecordingReporter Reporter { get; } = new();

    internal List<TimeSpan> Waits { get; } = new();

    internal StaticCredential Credential { get; } = new();

    public void Dispose() => _reporterScope.Dispose();

    internal ArmGateway CreateGateway(FakeTransport transport, Func<TimeSpan, CancellationToken, Task>? delay = null) => new(new ArmGatewayOptions
    {
        Credential = Credential,
        Transport = transport,
        Delay = delay ?? ((wait, token) =>
        {
            token.ThrowIfCancellationRequested();
            lock (Waits)
            {
                Waits.Add(wait);
            }

            return Task.CompletedTask;
        }),
    });

    internal static FakeResponse Json(int status, string body, params (string, string)[] headers) =>
        new(status, body, Append(headers, ("Content-Type", "application/json"), ("x-ms-correlation-request-id", "corr-" + status)));

    private static (string, string)[] Append((string, string)[] headers, params (string, string)[] more)
    {
        var all = new List<(string, string)>(headers);
        all.AddRange(more);
        return all.ToArray();
    }
}
