using System.Diagnostics;
using System.Net.Sockets;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace RedisPrivateLink.Connectivity.Tests.Infrastructure;

/// <summary>
/// A real redis-server with TLS on a free port of <see cref="EndpointAddress"/>, its certificate issued by a test CA
/// for <see cref="HostName"/> (or the host name given) and a random password: a private endpoint of cache1 as far as a
/// client can tell. Like a
/// cache with Microsoft Entra authentication, it also has an ACL user named after a principal's object id whose
/// password is that principal's token (<see cref="EntraToken"/>).
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string HostName = "cache1.redis.cache.windows.net";
    public const string PrivateLinkName = "cache1.privatelink.redis.cache.windows.net";

    /// <summary>The object id of the principal the server has a data access policy for.</summary>
    public const string EntraObjectId = "7d3f5b2a-91c4-4e0b-b6a8-2f1e9c0d4a55";

    /// <summary>The "private endpoint IP": a loopback address, so no test traffic leaves the machine.</summary>
    public static readonly IPAddress EndpointAddress = IPAddress.Parse("127.0.0.2");

    private const string InstallHint = "redis-server is not installed. Install it with: apt-get update && apt-get install -y redis-server (build.ps1 -Task Test installs it).";

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();
    private readonly string _password;
    private readonly string _entraToken;

    public RedisServer()
        : this(HostName)
    {
    }

    /// <param name="certificateHostName">The name the server's certificate is issued for.</param>
    internal RedisServer(string certificateHostName)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(InstallHint);
        Certificates = TestCertificates.Create(certificateHostName);
        _directory = Directory.CreateTempSubdirectory("rpl-redis-").FullName;
        var (caFile, certFile, keyFile) = Certificates.WritePem(_directory);
        _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _entraToken = TokenFor(EntraObjectId);
        Port = LoopbackPorts.Free(EndpointAddress);

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--port", "0", "--tls-port", Port.ToString(), "--bind", EndpointAddress.ToString(),
                     "--tls-cert-file", certFile, "--tls-key-file", keyFile, "--tls-ca-cert-file", caFile, "--tls-auth-clients", "no",
                     "--requirepass", _password, "--save", string.Empty, "--appendonly", "no", "--dir", _directory,
                     "--user", EntraObjectId, "on", ">" + _entraToken, "~*", "&*", "+@all",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public TestCertificates Certificates { get; }

    public int Port { get; }

    public IPEndPoint EndPoint => new(EndpointAddress, Port);

    /// <summary>The access key the server requires, as the cmdlet hands it over.</summary>
    public SecureString AccessKey => ToSecureString(_password);

    /// <summary>The token of principal <see cref="EntraObjectId"/>, as Get-AzAccessToken -AsSecureString hands it over.</summary>
    public SecureString EntraToken => ToSecureString(_entraToken);

    /// <summary>A JWT-shaped token whose payload names <paramref name="objectId"/>, with a random signature.</summary>
    public static string TokenFor(string objectId)
    {
        var signature = RandomNumberGenerator.GetBytes(64);
        return $"{Base64Url(Encoding.UTF8.GetBytes("{\"typ\":\"JWT\",\"alg\":\"RS256\"}"))}.{Base64Url(Encoding.UTF8.GetBytes($"{{\"aud\":\"https://redis.azure.com\",\"oid\":\"{objectId}\"}}"))}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static SecureString ToSecureString(string value)
    {
        var secure = new SecureString();
        foreach (var character in value)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}; is it built with TLS? Its output:\n{Log()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(EndPoint);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {EndPoint} within 15 s. Its output:\n{Log()}");
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }
}
