using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Storage accounts as the export/import flow reads them: network rules and public access, complete.</summary>
public sealed class StorageAccountTests
{
    [Fact]
    public async Task ReadsCarryCompleteNetworkAclsAndPublicAccessByDefault()
    {
        await using var emulator = await StartAsync();

        using var created = await emulator.PutAsync(AccountPath(emulator), new { location = "eastus", kind = "StorageV2", sku = new { name = "Standard_LRS" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var properties = (await (await emulator.GetAsync(AccountPath(emulator))).JsonAsync())["properties"]!;
        Assert.Equal("Enabled", (string)properties["publicNetworkAccess"]!);
        var acls = properties["networkAcls"]!;
        Assert.Equal("Allow", (string)acls["defaultAction"]!);
        Assert.Equal("AzureServices", (string)acls["bypass"]!);
        Assert.Empty(acls["ipRules"]!.AsArray());
        Assert.Empty(acls["virtualNetworkRules"]!.AsArray());
    }

    [Fact]
    public async Task GivenRulesAreKeptAndCompletedAndPatchChangesThem()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(AccountPath(emulator), new
        {
            location = "eastus",
            properties = new { publicNetworkAccess = "Disabled", networkAcls = new { defaultAction = "Deny", ipRules = new[] { new { value = "203.0.113.7", action = "Allow" } } } },
        });

        var acls = (await (await emulator.GetAsync(AccountPath(emulator))).JsonAsync())["properties"]!["networkAcls"]!;
        Assert.Equal("Deny", (string)acls["defaultAction"]!);
        Assert.Equal("203.0.113.7", (string)acls["ipRules"]![0]!["value"]!);
        Assert.Equal("AzureServices", (string)acls["bypass"]!);

        using var patched = await emulator.SendAsync(HttpMethod.Patch, AccountPath(emulator),
            new JsonObject { ["properties"] = new JsonObject { ["networkAcls"] = new JsonObject { ["defaultAction"] = "Allow" } } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var properties = (await patched.JsonAsync())["properties"]!;
        Assert.Equal("Allow", (string)properties["networkAcls"]!["defaultAction"]!);
        Assert.Equal("Disabled", (string)properties["publicNetworkAccess"]!);
    }

    private static string AccountPath(TestEmulator emulator) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Storage/storageAccounts/contosostorage?api-version=2023-05-01";

    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }
}
