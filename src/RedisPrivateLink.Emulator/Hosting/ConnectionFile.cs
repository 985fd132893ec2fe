using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Emulator.Hosting;

/// <summary>
/// What a client needs to reach this emulator; written only once it listens, so its presence means "ready". The time
/// scale lets a client shorten its own polling intervals in step with the emulator's shortened operations. The identity
/// endpoint and header are what a runbook's sandbox gives it as IDENTITY_ENDPOINT and IDENTITY_HEADER; the IMDS
/// address is what AZURE_POD_IDENTITY_AUTHORITY_HOST overrides IMDS with.
/// </summary>
public sealed record ConnectionInfo(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("certificateThumbprint")] string CertificateThumbprint,
    [property: JsonPropertyName("subscriptionId")] string SubscriptionId,
    [property: JsonPropertyName("tenantId")] string TenantId,
    [property: JsonPropertyName("timeScale")] double TimeScale,
    [property: JsonPropertyName("identityEndpoint")] string IdentityEndpoint,
    [property: JsonPropertyName("identityHeader")] string IdentityHeader,
    [property: JsonPropertyName("imdsEndpoint")] string ImdsEndpoint);

internal static class ConnectionFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string path, ConnectionInfo info) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(info, Indented));
}

/// <summary>Write to a temporary sibling then rename, so a reader never sees half a file.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string contents)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, contents);
        File.Move(temporary, full, overwrite: true);
    }
}
