using System.Net.Http;
using System.Net.Http.Json;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Emulator.Faults;
using RedisPrivateLink.Integration.Tests.Infrastructure;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>The emulator's /_emulator control plane (no auth), over HTTPS that trusts only the emulator's certificate.</summary>
internal sealed class EmulatorControl : IDisposable
{
    private readonly HttpClient _client;

    public EmulatorControl(EmulatedAzure azure)
    {
        var thumbprint = azure.Emulator.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.Thumbprint.Equals(thumbprint, StringComparison.OrdinalIgnoreCase),
        };
        _client = new HttpClient(handler) { BaseAddress = azure.Emulator.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<IReadOnlyList<RequestLogEntry>> RequestsAsync() =>
        await _client.GetFromJsonAsync<List<RequestLogEntry>>("_emulator/requests") ?? new List<RequestLogEntry>();

    public async Task ClearRequestsAsync()
    {
        using var response = await _client.DeleteAsync("_emulator/requests");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes the next matching long-running write end Failed.</summary>
    public async Task FailOperationAsync(string method, string pathPattern)
    {
        using var response = await _client.PostAsJsonAsync("_emulator/faults", new { method, pathPattern, kind = "lroFailed" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Registers a fault rule (see the emulator's FaultRule: method, pathPattern, kind, status, retryAfter, count...).</summary>
    public async Task AddFaultAsync(object rule)
    {
        using var response = await _client.PostAsJsonAsync("_emulator/faults", rule);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes a region lack a resource type at an api-version (or, unlisted, the cloud lack it altogether).</summary>
    public async Task MakeUnavailableAsync(string resourceType, string location, string? apiVersion, bool listed)
    {
        var slash = resourceType.IndexOf('/', StringComparison.Ordinal);
        using var response = await _client.PostAsJsonAsync(
            $"_emulator/providers/{resourceType[..slash]}/resourceTypes/{resourceType[(slash + 1)..]}/unavailable", new { location, apiVersion, listed });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The fault rules still armed (a rule whose count ran out is gone).</summary>
    public async Task<IReadOnlyList<FaultRule>> FaultsAsync() =>
        await _client.GetFromJsonAsync<List<FaultRule>>("_emulator/faults") ?? new List<FaultRule>();

    /// <summary>Empties the emulator: resources, operations, faults, the request log and the throttling buckets.</summary>
    public async Task ResetAsync()
    {
        using var response = await _client.PostAsync("_emulator/reset", content: null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes the subscription not registered for <paramref name="providerNamespace"/>, as one that never used it.</summary>
    public async Task UnregisterProviderAsync(string providerNamespace)
    {
        using var response = await _client.PostAsync($"_emulator/providers/{providerNamespace}/unregister", content: null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Puts a management lock (ReadOnly or CanNotDelete) on a resource group.</summary>
    public async Task LockResourceGroupAsync(string resourceGroup, string level = "ReadOnly")
    {
        using var response = await _client.PostAsJsonAsync("_emulator/locks", new { resourceGroup, level });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sets an Azure Policy assignment (PUT /_emulator/policyAssignments/{name}; the emulator README lists its fields).</summary>
    public async Task AssignPolicyAsync(string name, object assignment)
    {
        using var response = await _client.PutAsJsonAsync($"_emulator/policyAssignments/{name}", assignment);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Requests that could change something: every call except reads and the name check.</summary>
    /// <summary>A role assignment for the principal with this oid (see the emulator's /_emulator/roleAssignments).</summary>
    public async Task AssignRoleAsync(string principalId, string scope, string role)
    {
        using var response = await _client.PostAsJsonAsync("_emulator/roleAssignments", new { principalId, scope, role });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A token of the emulator's system-assigned managed identity, and that identity's oid.</summary>
    public async Task<(string Token, string ObjectId)> ManagedIdentityTokenAsync(EmulatedAzure azure)
    {
        var info = azure.Emulator.ConnectionInfo;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{info.IdentityEndpoint}?api-version=2019-08-01&resource=https://management.azure.com");
        request.Headers.Add("X-IDENTITY-HEADER", info.IdentityHeader);
        using var response = await _client.SendAsync(request);
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["access_token"]!.GetValue<string>();
        var identity = await _client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("_emulator/identity");
        return (token, identity!["systemAssignedObjectId"]!.GetValue<string>());
    }

    public async Task<IReadOnlyList<RequestLogEntry>> WritesAsync() =>
        (await RequestsAsync()).Where(IsWrite).ToList();

    public static bool IsWrite(RequestLogEntry entry) =>
        entry.Method != "GET"
        && !(entry.Method == "POST" && entry.Path.EndsWith("/CheckNameAvailability", StringComparison.OrdinalIgnoreCase));

    public void Dispose() => _client.Dispose();
}
