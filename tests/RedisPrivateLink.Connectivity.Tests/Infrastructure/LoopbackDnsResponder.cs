using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace RedisPrivateLink.Connectivity.Tests.Infrastructure;

/// <summary>
/// A DNS server on 127.0.0.1 whose answers the test sets: CNAMEs and A records from a table, NXDOMAIN for any other
/// name. Enough of RFC 1035 for the probe's A queries; it never forwards anything anywhere.
/// </summary>
public sealed class LoopbackDnsResponder : IDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeCName = 5;
    private const ushort ClassIn = 1;

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Dictionary<string, string> _cnames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IPAddress[]> _addresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _queryCount;

    public LoopbackDnsResponder() => _serving = Task.Run(ServeAsync);

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    /// <summary>How many queries were answered, to prove the probe asked this server.</summary>
    public int QueryCount => Volatile.Read(ref _queryCount);

    public LoopbackDnsResponder CName(string name, string target)
    {
        lock (_cnames)
        {
            _cnames[name] = target;
        }

        return this;
    }

    public LoopbackDnsResponder A(string name, params string[] addresses)
    {
        lock (_cnames)
        {
            _addresses[name] = addresses.Select(IPAddress.Parse).ToArray();
        }

        return this;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The socket was closed under the pending receive: that is how serving ends.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _queryCount);
            var answer = Answer(request.Buffer);
            await _socket.SendAsync(answer, answer.Length, request.RemoteEndPoint);
        }
    }

    private byte[] Answer(byte[] query)
    {
        var offset = 12;
        var name = ReadName(query, ref offset);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(offset));
        var questionEnd = offset + 4;

        var records = new List<byte[]>();
        var found = false;
        lock (_cnames)
        {
            var current = name;
            for (var hops = 0; hops < 8 && _cnames.TryGetValue(current, out var target); hops++)
            {
                records.Add(Record(current, TypeCName, EncodeName(target)));
                current = target;
                found = true;
            }

            if (_addresses.TryGetValue(current, out var addresses))
            {
                found = true;
                if (type == TypeA)
                {
                    records.AddRange(addresses.Select(a => Record(current, TypeA, a.GetAddressBytes())));
                }
            }
        }

        using var response = new MemoryStream();
        response.Write(query, 0, 2);
        // QR, RD and RA set; response code 3 (NXDOMAIN) for a name the table doesn't know.
        WriteUInt16(response, (ushort)(found ? 0x8180 : 0x8183));
        WriteUInt16(response, 1);
        WriteUInt16(response, (ushort)records.Count);
        WriteUInt16(response, 0);
        WriteUInt16(response, 0);
        response.Write(query, 12, questionEnd - 12);
        foreach (var record in records)
        {
            response.Write(record);
        }

        return response.ToArray();
    }

    private static byte[] Record(string owner, ushort type, byte[] data)
    {
        using var record = new MemoryStream();
        record.Write(EncodeName(owner));
        WriteUInt16(record, type);
        WriteUInt16(record, ClassIn);
        WriteUInt16(record, 0);
        WriteUInt16(record, 60);
        WriteUInt16(record, (ushort)data.Length);
        record.Write(data);
        return record.ToArray();
    }

    private static string ReadName(byte[] message, ref int offset)
    {
        var labels = new List<string>();
        while (message[offset] != 0)
        {
            var length = message[offset++];
            labels.Add(Encoding.ASCII.GetString(message, offset, length));
            offset += length;
        }

        offset++;
        return string.Join(".", labels);
    }

    private static byte[] EncodeName(string name)
    {
        using var encoded = new MemoryStream();
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            encoded.WriteByte((byte)label.Length);
            encoded.Write(Encoding.ASCII.GetBytes(label));
        }

        encoded.WriteByte(0);
        return encoded.ToArray();
    }

    private static void WriteUInt16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        stream.Write(bytes);
    }
}
