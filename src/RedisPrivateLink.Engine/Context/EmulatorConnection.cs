using System;
using System.IO;
using System.Net;
using System.Text.Json;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Context;

/// <summary>
/// The local ARM emulator's connection file:
/// <c>{"endpoint": "https://127.0.0.1:port/", "certificateThumbprint": "sha1 hex", "subscriptionId": "guid", "tenantId": "guid"}</c>.
/// The endpoint must be on loopback: the emulator's fixed token must never travel anywhere else.
/// </summary>
public sealed class EmulatorConnection
{
    private EmulatorConnection(Uri endpoint, string certificateThumbprint, string subscriptionId, string tenantId, double timeScale)
    {
        Endpoint = endpoint;
        CertificateThumbprint = certificateThumbprint;
        SubscriptionId = subscriptionId;
        TenantId = tenantId;
        TimeScale = timeScale;
    }

    public Uri Endpoint { get; }

    public string CertificateThumbprint { get; }

    public string SubscriptionId { get; }

    public string TenantId { get; }

    /// <summary>How much faster than Azure the emulator runs its operations (1 = Azure's pace); optional in the file.</summary>
    public double TimeScale { get; }

    /// <summary>Reads and checks the file; throws RedisPrivateLinkException EmulatorConnectionFileNotFound or InvalidEmulatorConnectionFile.</summary>
    public static EmulatorConnection Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new RedisPrivateLinkException("EmulatorConnectionFileNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"The emulator connection file '{path}' does not exist. Start the emulator and pass the path of the connection file it writes to -EmulatorConnectionFile.", path);
        }

        return Parse(File.ReadAllText(path), path!);
    }

    internal static EmulatorConnection Parse(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "it must be a JSON object");
            }

            var endpointText = Required(root, "endpoint", path);
            if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            {
                throw Invalid(path, $"endpoint '{endpointText}' is not an https:// URL");
            }

            if (!IsLoopback(endpoint))
            {
                throw Invalid(path, $"endpoint '{endpointText}' is not on this machine (127.0.0.1, ::1 or localhost)");
            }

            string thumbprint;
            try
            {
                thumbprint = CertificatePinning.NormalizeThumbprint(Required(root, "certificateThumbprint", path));
            }
            catch (FormatException ex)
            {
                throw Invalid(path, ex.Message.TrimEnd('.'));
            }

            var subscriptionId = Required(root, "subscriptionId", path);
            var tenantId = Required(root, "tenantId", path);
            if (!Guid.TryParse(subscriptionId, out _) || !Guid.TryParse(tenantId, out _))
            {
                throw Invalid(path, "subscriptionId and tenantId must be GUIDs");
            }

            var timeScale = 1.0;
            if (root.TryGetProperty("timeScale", out var scale)
                && (scale.ValueKind != JsonValueKind.Number || !scale.TryGetDouble(out timeScale) || timeScale <= 0 || timeScale > 1))
            {
                throw Invalid(path, "timeScale must be a number greater than 0 and at most 1");
            }

            return new EmulatorConnection(endpoint, thumbprint, subscriptionId, tenantId, timeScale);
        }
        catch (JsonException ex)
        {
            throw Invalid(path, "it is not valid JSON (" + ex.Message + ")");
        }
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string Required(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : throw Invalid(path, $"'{name}' is missing or empty");

    private static RedisPrivateLinkException Invalid(string path, string reason) =>
        new("InvalidEmulatorConnectionFile", RedisPrivateLinkErrorCategory.InvalidData,
            $"The emulator connection file '{path}' is not usable: {reason}. Restart the emulator to write a fresh one.", path);
}
