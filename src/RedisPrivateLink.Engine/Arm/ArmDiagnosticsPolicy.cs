using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Runs once per HTTP attempt (after retry): counts it, writes the verbose line (method, path, status, duration,
/// correlation id) and the debug dump of both bodies with secrets redacted.
/// </summary>
internal sealed class ArmDiagnosticsPolicy : HttpPipelinePolicy
{
    internal const string KindProperty = "RedisPrivateLink.RequestKind";

    private readonly ArmRequestCounters _counters;

    public ArmDiagnosticsPolicy(ArmRequestCounters counters) => _counters = counters;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var kind = message.TryGetProperty(KindProperty, out var value) && value is ArmRequestKind k ? k : ArmRequestKind.Read;
        _counters.Count(kind);
        var reporter = OperationReporter.Current;
        var target = $"{message.Request.Method} {SecretRedactor.DescribeUri(message.Request.Uri.ToUri())}";
        reporter.Debug($"HTTP request {target}{Environment.NewLine}{DescribeHeaders(message.Request.Headers)}{RequestBody(message)}");

        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (async)
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            else
            {
                ProcessNext(message, pipeline);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            reporter.Verbose($"{target} failed after {stopwatch.ElapsedMilliseconds} ms: {SecretRedactor.Redact(ex.Message)}");
            throw;
        }

        var response = message.Response;
        if (response.Status == 429)
        {
            _counters.CountThrottled();
        }

        response.Headers.TryGetValue("x-ms-correlation-request-id", out var correlation);
        reporter.Verbose($"{target} -> {response.Status} {response.ReasonPhrase} in {stopwatch.ElapsedMilliseconds} ms (correlation {correlation ?? "none"})");
        reporter.Debug($"HTTP response {response.Status} for {target}{Environment.NewLine}{DescribeHeaders(response.Headers)}{SecretRedactor.Redact(response.Content.ToString())}");
    }

    private static string DescribeHeaders(System.Collections.Generic.IEnumerable<HttpHeader> headers) =>
        string.Concat(headers.Select(h => $"{h.Name}: {SecretRedactor.RedactHeader(h.Name, h.Value)}{Environment.NewLine}"));

    private static string RequestBody(HttpMessage message)
    {
        if (message.Request.Content is null)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        message.Request.Content.WriteTo(buffer, message.CancellationToken);
        return SecretRedactor.Redact(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
