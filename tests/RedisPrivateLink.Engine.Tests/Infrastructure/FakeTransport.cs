using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RedisPrivateLink.Engine.Tests.Infrastructure;

/// <summary>An in-memory ARM: answers each request with the handler's response and records what was sent.</summary>
internal sealed class FakeTransport : HttpPipelineTransport
{
    private readonly Func<SentRequest, FakeResponse> _handler;

    public FakeTransport(Func<SentRequest, FakeResponse> handler) => _handler = handler;

    /// <summary>Answers requests with <paramref name="responses"/> in order.</summary>
    public FakeTransport(params FakeResponse[] responses)
    {
        var queue = new Queue<FakeResponse>(responses);
        _handler = request => queue.Count > 0 ? queue.Dequeue() : throw new InvalidOperationException($"Unexpected request {request}");
    }

    public ConcurrentQueue<SentRequest> Requests { get; } = new();

    public override Request CreateRequest() => new FakeRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        message.CancellationToken.ThrowIfCancellationRequested();
        var request = (FakeRequest)message.Request;
        string? body = null;
        if (request.Content is not null)
        {
            using var buffer = new MemoryStream();
            request.Content.WriteTo(buffer, default);
            body = Encoding.UTF8.GetString(buffer.ToArray());
        }

        var sent = new SentRequest(request.Method.Method, request.Uri.ToUri(), request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), body);
        Requests.Enqueue(sent);
        message.Response = _handler(sent).Clone();
        return default;
    }

    private sealed class FakeRequest : Request
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

        public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

        public override void Dispose()
        {
        }

        protected override void AddHeader(string name, string value) => _headers[name] = _headers.TryGetValue(name, out var existing) ? existing + "," + value : value;

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool RemoveHeader(string name) => _headers.Remove(name);

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            var found = _headers.TryGetValue(name, out var value);
            values = found ? value!.Split(',') : null;
            return found;
        }
    }
}

/// <summary>What the gateway sent.</summary>
internal sealed record SentRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string Path => Uri.UnescapeDataString(Uri.AbsolutePath);

    public string? ApiVersion => Uri.Query.TrimStart('?').Split('&').Where(p => p.StartsWith("api-version=", StringComparison.Ordinal)).Select(p => p.Substring(12)).FirstOrDefault();

    public override string ToString() => $"{Method} {Uri}";
}

/// <summary>A canned response.</summary>
internal sealed class FakeResponse : Response
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly byte[] _body;
    private readonly int _status;

    public FakeResponse(int status, string? body = null, params (string Name, string Value)[] headers)
    {
        _status = status;
        _body = Encoding.UTF8.GetBytes(body ?? string.Empty);
        foreach (var (name, value) in headers)
        {
            _headers[name] = value;
        }

        ContentStream = new MemoryStream(_body);
    }

    public override int Status => _status;

    public override string ReasonPhrase => _status switch { 200 => "OK", 201 => "Created", 202 => "Accepted", 204 => "No Content", 404 => "Not Found", 429 => "Too Many Requests", _ => "Status" };

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    public FakeResponse Clone() => new(_status, Encoding.UTF8.GetString(_body), _headers.Select(h => (h.Key, h.Value)).ToArray());

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = _headers.TryGetValue(name, out var value);
        values = found ? new[] { value! } : null;
        return found;
    }
}
