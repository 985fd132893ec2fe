using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>
/// Answers "why can't I connect?" from where it runs, in the order a connection needs things: DNS, TCP, TLS, AUTH and
/// PING, then what ARM says. A check whose precondition failed is reported as skipped, never run against a guess: the
/// network checks connect only to an address DNS gave that is the endpoint's (or, without ARM, a private one).
/// </summary>
public sealed class ConnectivityProbe
{
    private readonly ConnectivityProbeOptions _options;

    public ConnectivityProbe(ConnectivityProbeOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrWhiteSpace(options.HostName))
        {
            throw new ArgumentException("A host name is required.", nameof(options));
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Timeout, "The timeout must be positive.");
        }
    }

    /// <summary>Runs every check, handing each to <paramref name="onCheck"/> as it finishes, and returns the summary.</summary>
    public async Task<ConnectivityReport> RunAsync(Action<ConnectivityCheck>? onCheck = null, CancellationToken cancellationToken = default)
    {
        var checks = new List<ConnectivityCheck>();
        void Add(ConnectivityCheck check)
        {
            checks.Add(check);
            OperationReporter.Current.Verbose($"{check} ({check.Duration.TotalMilliseconds:0} ms)");
            onCheck?.Invoke(check);
        }

        var watch = Stopwatch.StartNew();
        var resolve = _options.Resolver ?? ((host, server, token) => NameResolvers.ResolveAsync(host, server, _options.Timeout, token));
        var resolution = await resolve(_options.HostName, _options.DnsServer, cancellationToken).ConfigureAwait(false);
        var (dnsCheck, address) = DnsCheck.Evaluate(_options, resolution, watch.Elapsed);
        Add(dnsCheck);

        foreach (var check in await NetworkChecksAsync(address, cancellationToken).ConfigureAwait(false))
        {
            Add(check);
        }

        if (_options.Cache is not null)
        {
            foreach (var check in await ArmSideChecks.RunAsync(_options, _options.Cache, cancellationToken).ConfigureAwait(false))
            {
                Add(check);
            }
        }

        return new ConnectivityReport(
            _options.HostName,
            resolution.Addresses.Select(a => a.ToString()).ToArray(),
            _options.ExpectedAddresses.Select(a => a.ToString()).ToArray(),
            checks);
    }

    private async Task<IReadOnlyList<ConnectivityCheck>> NetworkChecksAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var checks = new List<ConnectivityCheck>();
        if (address is null)
        {
            const string why = "Skipped: DNS gave no address that is the private endpoint's, and connecting anywhere else would test another path.";
            checks.Add(Skipped(ConnectivityCheckNames.TcpConnect, $"{_options.HostName}:{_options.Port}", why));
            checks.Add(Skipped(ConnectivityCheckNames.TlsHandshake, _options.HostName, why));
            AddSkippedRedisChecks(checks, why);
            return checks;
        }

        var endPoint = new IPEndPoint(address, _options.Port);
        var tcp = await TcpCheck.RunAsync(endPoint, _options.Timeout, cancellationToken).ConfigureAwait(false);
        checks.Add(tcp);
        foreach (var shardPort in _options.ShardPorts)
        {
            checks.Add(await TcpCheck.RunAsync(new IPEndPoint(address, shardPort), _options.Timeout, cancellationToken).ConfigureAwait(false));
        }

        if (tcp.Passed != true)
        {
            checks.Add(Skipped(ConnectivityCheckNames.TlsHandshake, $"{_options.HostName} at {endPoint}", "Skipped: no TCP connection."));
            AddSkippedRedisChecks(checks, "Skipped: no TCP connection.");
            return checks;
        }

        var tls = await TlsCheck.RunAsync(_options, endPoint, cancellationToken).ConfigureAwait(false);
        checks.Add(tls);
        if (tls.Passed != true)
        {
            AddSkippedRedisChecks(checks, "Skipped: no trusted TLS session.");
        }
        else if (_options.AccessKey is null && _options.EntraToken is null)
        {
            AddSkippedRedisChecks(checks, "Skipped: no credential given (-AccessKey or -UseAccessKey for an access key, -EntraToken or -UseEntraToken for Microsoft Entra).");
        }
        else
        {
            checks.AddRange(await RedisCommandChecks.RunAsync(_options, endPoint, cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    private void AddSkippedRedisChecks(List<ConnectivityCheck> checks, string why)
    {
        checks.Add(Skipped(ConnectivityCheckNames.Authentication, _options.HostName, why));
        checks.Add(Skipped(ConnectivityCheckNames.Ping, _options.HostName, why));
    }

    private static ConnectivityCheck Skipped(string name, string target, string why) => new(name, target, null, why, null, TimeSpan.Zero);
}
