using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>
/// AUTH and PING the way applications connect: StackExchange.Redis over TLS with the public host name as the
/// certificate name, at the endpoint's address, authenticating with an access key or as a Microsoft Entra principal
/// (user name its object id, password the token). The secret is read into the client's options once and never
/// appears in evidence (the client's own messages are not passed on for a failed AUTH).
/// </summary>
internal static class RedisCommandChecks
{
    public static async Task<IReadOnlyList<ConnectivityCheck>> RunAsync(ConnectivityProbeOptions options, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var target = $"{options.HostName} at {endPoint}";
        var validation = new CertificateValidation(options.AdditionalChainTrust);
        var timeoutMilliseconds = (int)options.Timeout.TotalMilliseconds;
        var configuration = new ConfigurationOptions
        {
            Ssl = true,
            SslHost = options.HostName,
            User = options.EntraToken?.ObjectId,
            Password = new NetworkCredential(string.Empty, options.EntraToken?.Token ?? options.AccessKey).Password,
            // Applications set abortConnect=false to keep retrying in the background; a probe wants the one attempt's
            // failure and its kind (AuthenticationFailure, UnableToConnect, ...), which only the thrown exception carries.
            AbortOnConnectFail = true,
            ConnectRetry = 1,
            ConnectTimeout = timeoutMilliseconds,
            SyncTimeout = timeoutMilliseconds,
            AsyncTimeout = timeoutMilliseconds,
            ClientName = "Test-RedisPrivateConnectivity",
        };
        configuration.EndPoints.Add(endPoint);
        configuration.CertificateValidation += validation.Validate;

        var watch = Stopwatch.StartNew();
        cancellationToken.ThrowIfCancellationRequested();
        ConnectionMultiplexer connection;
        try
        {
            connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        }
        catch (RedisConnectionException ex)
        {
            var authentication = ex.FailureType == ConnectionFailureType.AuthenticationFailure
                ? Refused(options, target, watch.Elapsed)
                : new ConnectivityCheck(ConnectivityCheckNames.Authentication, target, false, $"No Redis session: {ex.FailureType}",
                    "No Redis session followed the connection: see the TlsHandshake check, and check that access-key authentication is enabled on the cache.", watch.Elapsed);
            return new[] { authentication, NotAuthenticated(target) };
        }
        catch (TimeoutException)
        {
            var timedOut = new ConnectivityCheck(ConnectivityCheckNames.Authentication, target, false, $"No Redis session within {options.Timeout.TotalSeconds:0.#} s",
                "TCP and TLS passed but Redis did not answer in time: the cache may be overloaded or failing over; try again with a longer -TimeoutSeconds.", watch.Elapsed);
            return new[] { timedOut, NotAuthenticated(target) };
        }

        using (connection)
        {
            var who = options.EntraToken is { } entra ? $" for Microsoft Entra principal {entra.ObjectId}" : string.Empty;
            var authenticated = new ConnectivityCheck(ConnectivityCheckNames.Authentication, target, true,
                $"AUTH{who} accepted by Redis {connection.GetServer(endPoint).Version} at {endPoint}", null, watch.Elapsed);
            watch.Restart();
            try
            {
                var latency = await connection.GetDatabase().PingAsync().ConfigureAwait(false);
                return new[] { authenticated, new ConnectivityCheck(ConnectivityCheckNames.Ping, target, true, $"PONG in {latency.TotalMilliseconds:0.#} ms", null, watch.Elapsed) };
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return new[]
                {
                    authenticated,
                    new ConnectivityCheck(ConnectivityCheckNames.Ping, target, false, $"PING failed: {ex.Message}",
                        "The cache accepted the key but did not answer PING: it may be busy (high server load) or failing over; try again, and check the cache's metrics.", watch.Elapsed),
                };
            }
        }
    }

    private static ConnectivityCheck Refused(ConnectivityProbeOptions options, string target, TimeSpan elapsed) =>
        options.EntraToken is { } entra
            ? new ConnectivityCheck(ConnectivityCheckNames.Authentication, target, false, $"The cache refused the Microsoft Entra token of principal {entra.ObjectId} (AUTH failed)",
                $"Check that Microsoft Entra authentication is enabled on the cache and that principal {entra.ObjectId} has a data access policy assignment on it (Data Owner, Contributor or Reader); a token expires after about an hour, and must be issued for https://redis.azure.com.", elapsed)
            : new ConnectivityCheck(ConnectivityCheckNames.Authentication, target, false, "The cache refused the access key (AUTH failed)",
                "Use the cache's current primary or secondary key (they change when regenerated), or a Microsoft Entra token when access keys are disabled on the cache.", elapsed);

    private static ConnectivityCheck NotAuthenticated(string target) =>
        new(ConnectivityCheckNames.Ping, target, null, "Skipped: not authenticated.", null, TimeSpan.Zero);
}
