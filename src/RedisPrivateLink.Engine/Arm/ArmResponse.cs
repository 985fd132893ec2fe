using System;
using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>A raw ARM response: status, headers and body text.</summary>
public sealed class ArmResponse
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public ArmResponse(int status, string content, IEnumerable<KeyValuePair<string, string>> headers)
    {
        Status = status;
        Content = content;
        foreach (var header in headers)
        {
            _headers[header.Key] = header.Value;
        }
    }

    public int Status { get; }

    /// <summary>The body as text; empty when there was none.</summary>
    public string Content { get; }

    public bool IsSuccess => Status >= 200 && Status < 300;

    public string? CorrelationId => GetHeader("x-ms-correlation-request-id");

    public string? RequestId => GetHeader("x-ms-request-id");

    public string? GetHeader(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body read as <typeparamref name="T"/>, or default when there is no body.</summary>
    public T? ReadAs<T>() => string.IsNullOrWhiteSpace(Content) ? default : ArmJson.Deserialize<T>(Content);
}
