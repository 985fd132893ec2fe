namespace RedisPrivateLink.Emulator.Tests.Recordings;

/// <summary>One request of a recording and Azure's answer, whatever the recorder's file format.</summary>
internal sealed record RecordedExchange(
    string Recording,
    int Index,
    string Method,
    Uri Uri,
    string? RequestBody,
    int Status,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    string? ResponseBody)
{
    /// <summary>The case name used by the theory and by the not-compared list: "file#index".</summary>
    public string Key => $"{Recording}#{Index}";

    public string? Header(string name) => ResponseHeaders.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Key} {Method} {Status} {Uri.AbsolutePath}";
}
