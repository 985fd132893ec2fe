using System;
using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Tests.Infrastructure;

/// <summary>One HTTP call of a recording: what was asked and what Azure answered.</summary>
internal sealed record RecordedCall(string Source, string Method, string Uri, int Status, string? ResponseBody, IReadOnlyDictionary<string, string> ResponseHeaders)
{
    /// <summary>The request path without scheme, host or query.</summary>
    public string Path
    {
        get
        {
            var path = Uri;
            if (Uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) && System.Uri.TryCreate(Uri, UriKind.Absolute, out var absolute))
            {
                path = absolute.AbsolutePath;
            }

            var query = path.IndexOf('?');
            return System.Uri.UnescapeDataString(query >= 0 ? path.Substring(0, query) : path);
        }
    }

    public override string ToString() => $"{Source} {Method} {Status} {Path}";
}
