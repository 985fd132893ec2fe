using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// A subscription that never used a namespace: writes there answer 409 MissingSubscriptionRegistration until the
/// client registers it, and the registration takes its (scaled) time; and management locks answer 409 ScopeLocked.
/// </summary>
public sealed class ProviderRegistrationTests
{
    private const string ProvidersApi = TestApiVersions.ResourceGroups;

    [Fact]
    public async Task AWriteToAnUnregisteredNamespaceGetsAzuresRefusalWithTheNamespaceAsTarget()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.UnregisteredProviders.Add("Microsoft.Cache"));
        await emulator.CreateGroupAsync("rg");

        using var put = await emulator.PutAsync(Redis(emulator.CacheId("c1")), new { location = "eastus" });

        var message = await put.AssertErrorAsync(HttpStatusCode.Conflict, "MissingSubscriptionRegistration");
        Assert.Equal("The subscription is not registered to use namespace 'Microsoft.Cache'. See https://aka.ms/rps-not-found for how to register subscriptions.", message);
        Assert.Equal("gateway", put.Header("x-ms-failure-cause"));
        var detail = (await put.JsonAsync())["error"]!["details"]![0]!;
        Assert.Equal("MissingSubscriptionRegistration", (string?)detail["code"]);
        Assert.Equal("Microsoft.Cache", (string?)detail["target"]);

        using var check = await emulator.SendAsync(HttpMethod.Post, $"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/CheckNameAvailability?api-version={TestApiVersions.Redis}", new { name = "c1", type = "Microsoft.Cache/redis" });
        await check.AssertErrorAsync(HttpStatusCode.Conflict, "MissingSubscriptionRegistration");
        using var read = await emulator.GetAsync(Redis(emulator.CacheId("c1")));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using var network = await emulator.PutAsync($"{emulator.Group("rg")}/providers/Microsoft.Network/virtualNetworks/v1?api-version={TestApiVersions.NetworkNewer}",
            new { location = "eastus", properties = new { addressSpace = new { addressPrefixes = new[] { "10.0.0.0/16" } } } });
        Assert.True(network.IsSuccessStatusCode, await network.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RegistrationGoesFromNotRegisteredThroughRegisteringToRegisteredAtTheScaledPace()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.UnregisteredProviders.Add("Microsoft.Cache");
            o.TimeScale = 0.5;
            o.ProviderRegistrationDuration = TimeSpan.FromMinutes(2);
        });
        await emulator.CreateGroupAsync("rg");
        var provider = $"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache";
        Assert.Equal("NotRegistered", await StateAsync(emulator, provider));

        using var register = await emulator.SendAsync(HttpMethod.Post, $"{provider}/register?api-version={ProvidersApi}");
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        var body = await register.JsonAsync();
        Assert.Equal("Registering", (string?)body["registrationState"]);
        Assert.Equal("Microsoft.Cache", (string?)body["namespace"]);
        Assert.Equal(provider, (string?)body["id"]);

        emulator.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("Registering", await StateAsync(emulator, provider));
        using var early = await emulator.PutAsync(Redis(emulator.CacheId("c1")), new { location = "eastus" });
        await early.AssertErrorAsync(HttpStatusCode.Conflict, "MissingSubscriptionRegistration");

        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Registered", await StateAsync(emulator, provider));
        using var created = await emulator.PutAsync(Redis(emulator.CacheId("c1")), new { location = "eastus", properties = new { sku = new { name = "Standard", family = "C", capacity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task TheControlPlaneUnregistersANamespaceAndResetRestoresTheCommandLinesState()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var provider = $"/subscriptions/{emulator.Sub}/providers/Microsoft.Network";
        Assert.Equal("Registered", await StateAsync(emulator, provider));

        using var unregister = await emulator.SendAsync(HttpMethod.Post, "/_emulator/providers/Microsoft.Network/unregister");
        Assert.Equal(HttpStatusCode.NoContent, unregister.StatusCode);
        Assert.Equal("NotRegistered", await StateAsync(emulator, provider));

        using var reset = await emulator.SendAsync(HttpMethod.Post, "/_emulator/reset");
        Assert.Equal("Registered", await StateAsync(emulator, provider));
        using var unknown = await emulator.GetAsync($"/subscriptions/{emulator.Sub}/providers/Microsoft.Nothing?api-version={ProvidersApi}");
        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "InvalidResourceNamespace");
    }

    [Fact]
    public void TheCommandLineNamesUnregisteredNamespacesAndTheRegistrationDuration()
    {
        var options = CommandLine.Parse(["--unregistered-provider", "microsoft.cache", "--unregistered-provider", "Microsoft.Network", "--provider-registration-duration", "30"]);

        Assert.Equal(["Microsoft.Cache", "Microsoft.Network"], options.UnregisteredProviders);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ProviderRegistrationDuration);
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--unregistered-provider", "Microsoft.Nothing"]));
    }

    [Fact]
    public async Task AReadOnlyLockOnAResourceGroupRefusesWritesWithScopeLockedAndLetsReadsThrough()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        using var locked = await emulator.Client.PostAsJsonAsync("_emulator/locks", new { resourceGroup = "rg", level = "ReadOnly" });
        Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);

        using var put = await emulator.PutAsync(Redis(emulator.CacheId("c1")), new { location = "eastus" });

        var message = await put.AssertErrorAsync(HttpStatusCode.Conflict, "ScopeLocked");
        Assert.Equal($"The scope '{emulator.CacheId("c1")}' cannot perform write operation because following scope(s) are locked: '{emulator.Group("rg")}'. Please remove the lock and try again.", message);
        using var read = await emulator.GetAsync(Redis(emulator.CacheId("c1")));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);

        using var removed = await emulator.SendAsync(HttpMethod.Delete, "/_emulator/locks");
        using var created = await emulator.PutAsync(Redis(emulator.CacheId("c1")), new { location = "eastus", properties = new { sku = new { name = "Standard", family = "C", capacity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task ACanNotDeleteLockRefusesOnlyDeletes()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        using var locked = await emulator.Client.PostAsJsonAsync("_emulator/locks", new { resourceGroup = "rg", level = "CanNotDelete" });

        using var put = await emulator.PutAsync(Redis(emulator.CacheId("c1")), new { location = "eastus", properties = new { sku = new { name = "Standard", family = "C", capacity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var delete = await emulator.SendAsync(HttpMethod.Delete, $"{emulator.Group("rg")}?api-version={TestApiVersions.ResourceGroups}");

        Assert.Contains("cannot perform delete operation", await delete.AssertErrorAsync(HttpStatusCode.Conflict, "ScopeLocked"));
    }

    private static async Task<string?> StateAsync(TestEmulator emulator, string provider)
    {
        using var response = await emulator.GetAsync($"{provider}?api-version={ProvidersApi}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string?)(await response.JsonAsync())["registrationState"];
    }
}
