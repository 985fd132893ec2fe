using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests.Infrastructure;

/// <summary>An in-process emulator on a free port, and a client that trusts only its certificate's thumbprint.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    private TestEmulator(RunningEmulator running, ManualClock clock, EmulatorOptions options)
    {
        Running = running;
        Clock = clock;
        Options = options;
        Client = CreateClient(running.Thumbprint, running.Endpoint);
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
    }

    public RunningEmulator Running { get; }

    public ManualClock Clock { get; }

    public EmulatorOptions Options { get; }

    public HttpClient Client { get; }

    public string Sub => Options.SubscriptionId;

    /// <summary>The path of a resource group in the emulator's subscription.</summary>
    public string Group(string name) => $"/subscriptions/{Sub}/resourceGroups/{name}";

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var clock = new ManualClock();
        var options = new EmulatorOptions { Port = 0, Clock = clock, TimeScale = 1.0 };
        options.Throttling.Enabled = false;
        configure?.Invoke(options);
        return new TestEmulator(await EmulatorHost.StartAsync(options), clock, options);
    }

    public static HttpClient CreateClient(string thumbprint, Uri endpoint)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.Thumbprint.Equals(thumbprint, StringComparison.OrdinalIgnoreCase),
        };
        return new HttpClient(handler) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, object? body = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            var json = body is JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutAsync(string pathAndQuery, object body) => SendAsync(HttpMethod.Put, pathAndQuery, body);

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery);

    /// <summary>Follows an absolute link the emulator handed out (polling URL, nextLink).</summary>
    public Task<HttpResponseMessage> FollowAsync(string absoluteUrl) => Client.GetAsync(new Uri(absoluteUrl));

    public async Task CreateGroupAsync(string name, string location = "eastus")
    {
        using var response = await PutAsync($"{Group(name)}?api-version={TestApiVersions.ResourceGroups}", new { location });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Running.DisposeAsync();
    }
}

internal static class ResponseExtensions
{
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Not a JSON object: '{text}'.");
    }

    public static async Task<string> ErrorCodeAsync(this HttpResponseMessage response) =>
        (string)(await response.JsonAsync())["error"]!["code"]!;

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single()
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.Single() : null;
}
