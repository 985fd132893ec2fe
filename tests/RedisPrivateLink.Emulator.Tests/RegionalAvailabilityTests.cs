using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.ManagedRedis;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// POST /_emulator/providers/{namespace}/resourceTypes/{type}/unavailable: a region without a type at an api-version
/// answers NoRegisteredProviderFound in Azure's words (Azure/azure-cli-extensions#8033), and an unlisted type leaves
/// the provider's resourceTypes.
/// </summary>
public sealed class RegionalAvailabilityTests
{
    [Fact]
    public async Task ARegionWithoutTheApiVersionRefusesReadsWritesAndListsOfTheTypeInAzuresWords()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await MakeUnavailableAsync(emulator, new { location = "East US", apiVersion = TestApiVersions.RedisEnterprise });

        using var get = await emulator.GetAsync(Amr(emulator.ClusterId("amr1")));
        var message = await get.AssertErrorAsync(HttpStatusCode.BadRequest, "NoRegisteredProviderFound");
        Assert.StartsWith($"No registered resource provider found for location 'eastus' and API version '{TestApiVersions.RedisEnterprise}' for type 'redisEnterprise'. The supported api-versions are '", message);
        Assert.DoesNotContain($"'{TestApiVersions.RedisEnterprise},", message);
        Assert.Contains("The supported locations are '", message);

        using var put = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), Cluster());
        await put.AssertErrorAsync(HttpStatusCode.BadRequest, "NoRegisteredProviderFound");
        using var list = await emulator.GetAsync($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/redisEnterprise?api-version={TestApiVersions.RedisEnterprise}");
        await list.AssertErrorAsync(HttpStatusCode.BadRequest, "NoRegisteredProviderFound");

        using var otherRegion = await emulator.PutAsync(Amr(emulator.ClusterId("amr2")), Cluster(location: "westus"));
        Assert.Equal(HttpStatusCode.Created, otherRegion.StatusCode);
        using var classic = await emulator.GetAsync($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/redis?api-version={TestApiVersions.Redis}");
        Assert.Equal(HttpStatusCode.OK, classic.StatusCode);
    }

    [Fact]
    public async Task TheProviderListsEachTypeWithItsApiVersionsAndLocationsAndLeavesAnUnlistedTypeOut()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var listed = await ProviderTypesAsync(emulator);
        var managed = listed.Single(t => (string)t!["resourceType"]! == "redisEnterprise")!;
        Assert.Contains(TestApiVersions.RedisEnterprise, managed["apiVersions"]!.AsArray().Select(v => (string)v!));
        Assert.Contains("East US", managed["locations"]!.AsArray().Select(v => (string)v!));

        await MakeUnavailableAsync(emulator, new { location = "eastus", listed = false });

        var types = (await ProviderTypesAsync(emulator)).Select(t => (string)t!["resourceType"]!).ToList();
        Assert.DoesNotContain("redisEnterprise", types);
        Assert.Contains("redis", types);
    }

    private static async Task MakeUnavailableAsync(TestEmulator emulator, object body)
    {
        using var response = await emulator.Client.PostAsJsonAsync("_emulator/providers/Microsoft.Cache/resourceTypes/redisEnterprise/unavailable", body);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<JsonArray> ProviderTypesAsync(TestEmulator emulator)
    {
        using var response = await emulator.GetAsync($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache?api-version={TestApiVersions.ResourceGroups}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["resourceTypes"]!.AsArray();
    }
}
