using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Emulator.Identity;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Hosting;

/// <summary>Builds and starts an emulator: Kestrel, HTTPS on 127.0.0.1 only, a fresh self-signed certificate.</summary>
public static class EmulatorHost
{
    public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var certificate = SelfSignedCertificate.CreateForLoopback();
        var emulator = new EmulatorContext(options);
        var stateFile = options.StateFile is null ? null : new StateFile(options.StateFile);
        stateFile?.LoadInto(emulator);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate));
        });

        var app = builder.Build();
        var pipeline = new ArmPipeline(emulator, stateFile);
        app.UseWhen(
            http => !http.Request.Path.StartsWithSegments(ControlPlane.Prefix) && !IdentityEndpoints.Serves(http.Request.Path),
            arm => arm.Run(pipeline.InvokeAsync));
        ControlPlane.Map(app, emulator, stateFile);
        IdentityEndpoints.Map(app, emulator);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        var running = new RunningEmulator(app, emulator, certificate, new Uri(new Uri(address), "/"));
        if (options.ConnectionFile is not null)
        {
            ConnectionFile.Write(options.ConnectionFile, running.ConnectionInfo);
        }

        return running;
    }
}

/// <summary>A started emulator: where it listens, how to trust it, how to stop it.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningEmulator(WebApplication app, EmulatorContext context, X509Certificate2 certificate, Uri endpoint)
    {
        _app = app;
        Context = context;
        Certificate = certificate;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-1, upper-case hex: what clients pin.</summary>
    public string Thumbprint => Certificate.Thumbprint;

    public ConnectionInfo ConnectionInfo =>
        new(Endpoint.ToString(), Thumbprint, Context.Options.SubscriptionId, Context.Options.TenantId, Context.Options.TimeScale,
            new Uri(Endpoint, IdentityEndpoints.AppServicePath).ToString(), Context.IdentityHeader, Endpoint.ToString().TrimEnd('/'));

    internal EmulatorContext Context { get; }

    /// <summary>Completes on SIGTERM, Ctrl+C or <see cref="StopAsync"/>.</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
