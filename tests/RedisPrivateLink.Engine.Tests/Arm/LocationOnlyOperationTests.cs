using System.Linq;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>
/// Microsoft.Cache's classic export, import and DELETE: 202 with only a Location at .../operationresults/{id}, whose
/// polls answer 202 (re-signing the URL each time) then 200, or 409 with ARM's error when the operation failed
/// (the 2024-11-01 az redis recording in shared/recordings; Azure/azure-cli#30408).
/// </summary>
public sealed class LocationOnlyOperationTests : GatewayTestBase
{
    private static readonly ResourceId Cache = ResourceId.ForResource(Subscription, "rg1", "Microsoft.Cache/redis", "cache1");
    private const string Operation = Arm + "/subscriptions/" + Subscription + $"/providers/Microsoft.Cache/locations/West%20US/operationresults/2845cdd2?api-version={TestApiVersions.Redis}";

    [Fact]
    public async Task AnExportPollsTheNewestLocationUntil200()
    {
        var transport = new FakeTransport(
            Json(202, "", ("Location", Operation + "&t=1&s=first")),
            Json(202, """{"id":"x","name":"2845cdd2","status":"InProgress"}""", ("Azure-AsyncOperation", Operation + "&t=2&s=second"), ("Location", Operation + "&t=2&s=second")),
            Json(200, """{"id":"x","name":"2845cdd2","status":"Succeeded"}"""));

        var result = await CreateGateway(transport).PostActionAsync(Cache + "/export", new { format = "RDB" });

        Assert.Equal(200, result.Status);
        var polls = transport.Requests.Skip(1).ToList();
        Assert.Equal(new[] { "GET", "GET" }, polls.Select(r => r.Method));
        Assert.Contains("s=first", polls[0].Uri.Query);
        Assert.Contains("s=second", polls[1].Uri.Query);
    }

    [Fact]
    public async Task AFailedOperationAnswering409OnThePollThrowsArmsCodeAndMessage()
    {
        var transport = new FakeTransport(
            Json(202, "", ("Location", Operation)),
            Json(202, """{"status":"InProgress"}""", ("Location", Operation)),
            Json(409, """{"error":{"code":"InvalidStorageAccount","message":"The storage account could not be reached."}}"""));

        var failed = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PostActionAsync(Cache + "/import", new { format = "RDB" }));

        Assert.Equal(409, failed.Status);
        Assert.Equal("InvalidStorageAccount", failed.Code);
        Assert.Contains("The storage account could not be reached.", failed.Message);
        Assert.Equal(3, transport.Requests.Count);
    }

    [Fact]
    public async Task ADeleteCompletesWhenItsOperationResultAnswers200()
    {
        var transport = new FakeTransport(
            Json(202, "", ("Location", Operation + "&s=first")),
            Json(202, """{"status":"InProgress"}""", ("Location", Operation + "&s=second")),
            Json(200, """{"status":"Succeeded"}"""));

        Assert.True(await CreateGateway(transport).DeleteAsync(Cache));

        Assert.Equal(new[] { "DELETE", "GET", "GET" }, transport.Requests.Select(r => r.Method));
        Assert.Contains("s=second", transport.Requests.Last().Uri.Query);
    }

    [Fact]
    public async Task TheManagedIdentityPropertyIsSentAsAzureSpellsIt()
    {
        var transport = new FakeTransport(new FakeResponse(200));
        var body = new System.Collections.Generic.Dictionary<string, object> { ["prefix"] = "p", ["preferred-data-archive-auth-method"] = "ManagedIdentity" };

        await CreateGateway(transport).PostActionAsync(Cache + "/export", body);

        Assert.Equal("""{"prefix":"p","preferred-data-archive-auth-method":"ManagedIdentity"}""", transport.Requests.Single().Body);
    }
}
