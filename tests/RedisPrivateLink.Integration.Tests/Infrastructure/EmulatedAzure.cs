using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Integration.Tests.Infrastructure;

/// <summary>
/// A local ARM emulator started in-process on a free port, and an engine context connected to it exactly as
/// Connect-RedisPrivateLink -EmulatorConnectionFile does. Azure's durations run a thousand times faster.
/// </summary>
public sealed class EmulatedAzure : IAsyncDisposable
{
    private readonly string _directory;

    private EmulatedAzure(RunningEmulator emulator, RedisPrivateLinkContext context, string directory)
    {
        Emulator = emulator;
        Context = context;
        _directory = directory;
    }

    public RunningEmulator Emulator { get; }

    public RedisPrivateLinkContext Context { get; }

    public IArmGateway Arm => Context.GetArmGateway();

    public string SubscriptionId => Context.SubscriptionId;

    /// <param name="connect">Adjusts how the engine connects (its network timeout, say) before it does.</param>
    public static async Task<EmulatedAzure> StartAsync(Action<EmulatorOptions>? configure = null, CancellationToken cancellationToken = default, Action<ConnectRequest>? connect = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"rpl-integration-{Guid.NewGuid():N}");
        var options = new EmulatorOptions
        {
            Port = 0,
            ConnectionFile = Path.Combine(directory, "connection.json"),
            TimeScale = 0.001,
        };
        configure?.Invoke(options);
        var emulator = await EmulatorHost.StartAsync(options, cancellationToken);
        var request = new ConnectRequest { CredentialKind = CredentialKind.Emulator, EmulatorConnectionFile = options.ConnectionFile };
        connect?.Invoke(request);
        var context = await ContextFactory.ConnectAsync(request, cancellationToken);
        return new EmulatedAzure(emulator, context, directory);
    }

    public async ValueTask DisposeAsync()
    {
        Context.Dispose();
        await Emulator.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
