using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Tests.Caches;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using Xunit;
using static RedisPrivateLink.Engine.Tests.Workflows.ManagedRedisArrangement;

namespace RedisPrivateLink.Engine.Tests.Workflows;

/// <summary>New-RedisPrivateCache for Azure Managed Redis, and a classic create Azure refuses.</summary>
public class NewManagedRedisCacheTests
{
    private const string ZoneId = Group + "/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net";
    private const string NewClusterId = Group + "/providers/Microsoft.Cache/redisEnterprise/amr2";
    private const string DatabaseId = NewClusterId + "/databases/default";

    [Fact]
    public async Task AManagedRedisSkuCreatesAClusterAndDatabaseBehindAPrivateEndpointWithSafeDefaults()
    {
        var arm = ArrangeGroupAndSubnet();

        var result = await RunAsync(arm, Request());

        Assert.Equal(StepOutcome.Created, result[StepKeys.Cache].Outcome);
        Assert.DoesNotContain(arm.Writes, w => w.StartsWith("POST"));
        Assert.Equal(new[] { ZoneId, ZoneId + "/virtualNetworkLinks/vnet-link", NewClusterId, DatabaseId, EndpointId("amr2-pe"), EndpointId("amr2-pe") + "/privateDnsZoneGroups/default" }.OrderBy(p => p),
            arm.Writes.Select(w => w.Substring("PUT ".Length)).OrderBy(p => p));
        var cluster = arm.Stored(NewClusterId)!;
        Assert.Equal(("Balanced_B5", null), ((string?)cluster["sku"]!["name"], cluster["sku"]!["capacity"]));
        Assert.Null(cluster["zones"]);
        var properties = cluster["properties"]!;
        Assert.Equal(("Disabled", "1.2", "Enabled"), ((string?)properties["publicNetworkAccess"], (string?)properties["minimumTlsVersion"], (string?)properties["highAvailability"]));
        var database = arm.Stored(DatabaseId)!["properties"]!;
        Assert.Equal(("Encrypted", 10000, "OSSCluster", "VolatileLRU"), ((string?)database["clientProtocol"], (int?)database["port"], (string?)database["clusteringPolicy"], (string?)database["evictionPolicy"]));
        Assert.Null(database["accessKeysAuthentication"]);
        var connection = arm.Stored(EndpointId("amr2-pe"))!["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!;
        Assert.Equal((NewClusterId, "redisEnterprise"), ((string?)connection["privateLinkServiceId"], (string?)connection["groupIds"]![0]));
    }

    [Fact]
    public async Task DatabaseOptionsAreSentAsAskedAndAccessKeysOnlyWhenAsked()
    {
        var arm = ArrangeGroupAndSubnet();
        var request = Request();
        request.ClusteringPolicy = "EnterpriseCluster";
        request.EvictionPolicy = "NoEviction";
        request.Modules = new[] { "RedisJSON" };
        request.HighAvailability = "Disabled";
        request.EnableAccessKeysAuthentication = true;
        request.Persistence = "rdbevery6h";

        await RunAsync(arm, request);

        var database = arm.Stored(DatabaseId)!["properties"]!;
        Assert.Equal(("EnterpriseCluster", "NoEviction", "Enabled", "RedisJSON"),
            ((string?)database["clusteringPolicy"], (string?)database["evictionPolicy"], (string?)database["accessKeysAuthentication"], (string?)database["modules"]![0]!["name"]));
        Assert.Equal("Disabled", (string?)arm.Stored(NewClusterId)!["properties"]!["highAvailability"]);
        Assert.Equal((true, "6h", null), ((bool?)database["persistence"]!["rdbEnabled"], (string?)database["persistence"]!["rdbFrequency"], database["persistence"]!["aofEnabled"]));
    }

    [Fact]
    public async Task WithoutPersistenceNoneIsSentAndAReRunAskingForItReportsTheDifference()
    {
        var arm = ArrangeGroupAndSubnet();
        await RunAsync(arm, Request());
        Assert.Null(arm.Stored(DatabaseId)!["properties"]!["persistence"]);

        var request = Request();
        request.Persistence = "AofEverySecond";
        var result = await RunAsync(arm, request);

        Assert.Contains("persistence None (asked AofEverySecond)", result[StepKeys.Cache].Message);
        Assert.Null(arm.Stored(DatabaseId)!["properties"]!["persistence"]);
    }

    [Fact]
    public async Task KindManagedRedisAloneMeansTheSkuStandardC1MapsTo()
    {
        var arm = ArrangeGroupAndSubnet();
        var request = Request();
        request.Sku = null;
        request.Kind = "ManagedRedis";

        await RunAsync(arm, request);

        Assert.Equal("Balanced_B1", (string?)arm.Stored(NewClusterId)!["sku"]!["name"]);
    }

    [Fact]
    public async Task ARerunGivesAClusterWithoutItsDatabaseTheDatabaseOnly()
    {
        var arm = ArrangeGroupAndSubnet();
        var cluster = Cluster("Disabled");
        cluster.Id = NewClusterId;
        arm.Add(NewClusterId, cluster);

        var result = await RunAsync(arm, Request());

        Assert.Equal(StepOutcome.Reused, result[StepKeys.Cache].Outcome);
        Assert.Contains("PUT " + DatabaseId, arm.Writes);
        Assert.DoesNotContain("PUT " + NewClusterId, arm.Writes);
    }

    [Fact]
    public async Task NoWaitStartsTheClusterAndLeavesDatabaseAndEndpointToTheNextRun()
    {
        var arm = ArrangeGroupAndSubnet();
        var request = Request();
        request.NoWait = true;

        var result = await RunAsync(arm, request);

        Assert.Equal(StepOutcome.Created, result[StepKeys.Cache].Outcome);
        Assert.Contains("its database follows on the next run (-NoWait)", result[StepKeys.Cache].Message);
        Assert.Equal(StepOutcome.Skipped, result[StepKeys.PrivateEndpoint].Outcome);
        Assert.Contains("PUT " + NewClusterId, arm.Writes);
        Assert.DoesNotContain("PUT " + DatabaseId, arm.Writes);
    }

    [Fact]
    public async Task ANoWaitRerunOnARunningClusterStartsItsDatabaseWithoutWaiting()
    {
        var arm = ArrangeGroupAndSubnet();
        var cluster = Cluster("Disabled");
        cluster.Id = NewClusterId;
        arm.Add(NewClusterId, cluster);
        var request = Request();
        request.NoWait = true;

        var result = await RunAsync(arm, request);

        Assert.Equal("database 'default' creation started (-NoWait)", result[StepKeys.Cache].Message);
        Assert.Contains("PUT " + DatabaseId, arm.Writes);
    }

    [Fact]
    public async Task ARerunWaitsForADatabaseAnEarlierRunLeftCreatingAndDoesNotSendItAgain()
    {
        var arm = ArrangeRunningClusterWithDatabase("Creating");
        var waits = new System.Collections.Generic.List<string>();
        arm.OnWaitToPollAgain = id =>
        {
            waits.Add(id.ToString());
            arm.Add(DatabaseId, Database("Succeeded"));
        };

        var result = await RunAsync(arm, Request());

        Assert.Equal(new[] { DatabaseId }, waits);
        Assert.Equal(StepOutcome.Reused, result[StepKeys.Cache].Outcome);
        Assert.Equal("database 'default' was Creating; waited until it finished", result[StepKeys.Cache].Message);
        Assert.DoesNotContain("PUT " + DatabaseId, arm.Writes);
        Assert.Equal(StepOutcome.Created, result[StepKeys.PrivateEndpoint].Outcome);
    }

    [Fact]
    public async Task ADatabaseThatFailsWhileWaitedForIsSentAgain()
    {
        var arm = ArrangeRunningClusterWithDatabase("Creating");
        arm.OnWaitToPollAgain = _ => arm.Add(DatabaseId, Database("Failed"));

        var result = await RunAsync(arm, Request());

        Assert.Equal("database 'default' was Failed; sent again", result[StepKeys.Cache].Message);
        Assert.Contains("PUT " + DatabaseId, arm.Writes);
    }

    [Fact]
    public async Task ANoWaitRerunDoesNotWaitForADatabaseStillCreating()
    {
        var arm = ArrangeRunningClusterWithDatabase("Creating");
        arm.OnWaitToPollAgain = id => Assert.Fail($"-NoWait waited for {id}");
        var request = Request();
        request.NoWait = true;

        var result = await RunAsync(arm, request);

        Assert.Equal(StepOutcome.Reused, result[StepKeys.Cache].Outcome);
        Assert.DoesNotContain("PUT " + DatabaseId, arm.Writes);
    }

    [Fact]
    public async Task ANameAnotherClusterHoldsComesBackFromThePutAsCacheNameNotAvailable()
    {
        var arm = ArrangeGroupAndSubnet();
        arm.BeforePut = id =>
        {
            if (id.IsOfType("Microsoft.Cache/redisEnterprise"))
            {
                throw new ArmException(409, new ArmError { Code = "Conflict", Message = "The name amr2 is already in use." }, "PUT", id.ToString(), null, null);
            }
        };

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => RunAsync(arm, Request()));

        var cause = Assert.IsType<RedisPrivateLinkException>(failure.InnerException);
        Assert.Equal(WorkflowErrorIds.CacheNameNotAvailable, cause.ErrorId);
        Assert.Contains("amr2.eastus.redis.azure.net", cause.Message);
    }

    [Fact]
    public async Task AClassicCreateAzureRefusesForRetirementNamesTheManagedRedisSkuToUse()
    {
        var arm = ArrangeGroupAndSubnet();
        arm.BeforePut = id =>
        {
            if (id.IsOfType("Microsoft.Cache/redis"))
            {
                throw new ArmException(400, new ArmError { Code = "BadRequest", Message = "Azure Cache for Redis is retiring, create Azure Managed Redis instance instead." }, "PUT", id.ToString(), null, null);
            }
        };
        var request = Request();
        request.Sku = "Premium";
        request.Size = "P2";

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => RunAsync(arm, request));

        var cause = Assert.IsType<RedisPrivateLinkException>(failure.InnerException);
        Assert.Equal(WorkflowErrorIds.ClassicCacheCreationBlocked, cause.ErrorId);
        Assert.Contains("-Sku Balanced_B20 (or -Sku Balanced_B10", cause.Message);
        Assert.Contains("retiring", cause.Message);
    }

    [Fact]
    public async Task AnyOtherBadRequestOfAClassicCreateStaysAzuresOwnError()
    {
        var arm = ArrangeGroupAndSubnet();
        arm.BeforePut = id =>
        {
            if (id.IsOfType("Microsoft.Cache/redis"))
            {
                throw new ArmException(400, new ArmError { Code = "InvalidRequestBody", Message = "The sku is not valid." }, "PUT", id.ToString(), null, null);
            }
        };
        var request = Request();
        request.Sku = "Standard";

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => RunAsync(arm, request));

        Assert.Equal("InvalidRequestBody", Assert.IsType<ArmException>(failure.InnerException).Code);
    }

    [Theory]
    [InlineData("ManagedRedis", "Standard", null, ValidationErrorIds.CacheKindMismatch, "Standard C1 maps to Balanced_B1")]
    [InlineData("Classic", "Balanced_B5", null, ValidationErrorIds.CacheKindMismatch, "Azure Managed Redis SKU")]
    [InlineData(null, "Balanced_B5", "C1", ValidationErrorIds.ClassicOnlyFeature, "-Size applies only to Azure Cache for Redis")]
    public async Task KindAndSkuMustAgreeBeforeAnyRequest(string? kind, string sku, string? size, string errorId, string message)
    {
        var arm = new InMemoryArmGateway();
        var request = Request();
        request.Kind = kind;
        request.Sku = sku;
        request.Size = size;

        var error = await Assert.ThrowsAsync<ValidationException>(() => NewPrivateCacheWorkflow.PrepareAsync(ContextOver(arm), request, CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains(message, error.Message);
        Assert.Empty(arm.Reads);
    }

    [Theory]
    [InlineData("ShardCount")]
    [InlineData("Zone")]
    [InlineData("EnableNonSslPort")]
    [InlineData("RedisConfiguration")]
    public async Task ClassicOnlySettingsAreRefusedForManagedRedis(string parameter)
    {
        var request = Request();
        switch (parameter)
        {
            case "ShardCount": request.ShardCount = 2; break;
            case "Zone": request.Zones = new[] { "1" }; break;
            case "EnableNonSslPort": request.EnableNonSslPort = true; break;
            default: request.RedisConfiguration = new System.Collections.Generic.Dictionary<string, string> { ["maxmemory-policy"] = "allkeys-lru" }; break;
        }

        var error = await Assert.ThrowsAsync<ValidationException>(() => NewPrivateCacheWorkflow.PrepareAsync(ContextOver(new InMemoryArmGateway()), request, CancellationToken.None));

        Assert.Equal((ValidationErrorIds.ClassicOnlyFeature, parameter), (error.ErrorId, error.ParameterName));
    }

    [Fact]
    public async Task AManagedRedisNameHasAtMostSixtyCharacters()
    {
        var arm = new InMemoryArmGateway();
        var request = Request();
        request.Name = new string('a', 61);

        var error = await Assert.ThrowsAsync<ValidationException>(() => NewPrivateCacheWorkflow.PrepareAsync(ContextOver(arm), request, CancellationToken.None));

        Assert.Equal((ValidationErrorIds.InvalidCacheName, "Name"), (error.ErrorId, error.ParameterName));
        Assert.Empty(arm.Reads);
    }

    [Theory]
    [InlineData("ClusteringPolicy")]
    [InlineData("Persistence")]
    public async Task ManagedRedisSettingsAreRefusedForAClassicCache(string parameter)
    {
        var request = Request();
        request.Sku = "Standard";
        if (parameter == "Persistence")
        {
            request.Persistence = "AofAlways";
        }
        else
        {
            request.ClusteringPolicy = "OSSCluster";
        }

        var error = await Assert.ThrowsAsync<ValidationException>(() => NewPrivateCacheWorkflow.PrepareAsync(ContextOver(new InMemoryArmGateway()), request, CancellationToken.None));

        Assert.Equal((ValidationErrorIds.ManagedRedisOnlyFeature, parameter), (error.ErrorId, error.ParameterName));
    }

    private static NewPrivateCacheRequest Request() => new()
    {
        Name = "amr2",
        ResourceGroupName = "rg",
        Location = "eastus",
        Sku = "Balanced_B5",
        SubnetId = SubnetId,
    };

    private static InMemoryArmGateway ArrangeGroupAndSubnet()
    {
        var arm = new InMemoryArmGateway();
        arm.Add(Group, new ResourceGroup { Id = Group, Name = "rg", Location = "eastus" });
        AddSubnet(arm);
        return arm;
    }

    /// <summary>The cluster Running and its database as an earlier -NoWait or interrupted run left it.</summary>
    private static InMemoryArmGateway ArrangeRunningClusterWithDatabase(string databaseState)
    {
        var arm = ArrangeGroupAndSubnet();
        var cluster = Cluster("Disabled");
        cluster.Id = NewClusterId;
        arm.Add(NewClusterId, cluster);
        arm.Add(DatabaseId, Database(databaseState));
        return arm;
    }

    private static ManagedRedisDatabase Database(string provisioningState) => new()
    {
        Id = DatabaseId,
        Name = "default",
        Properties = new ManagedRedisDatabaseProperties
        {
            ProvisioningState = provisioningState,
            ClientProtocol = "Encrypted",
            Port = 10000,
            ClusteringPolicy = "OSSCluster",
            EvictionPolicy = "VolatileLRU",
        },
    };

    private static async Task<PlanResult> RunAsync(InMemoryArmGateway arm, NewPrivateCacheRequest request)
    {
        var prepared = await NewPrivateCacheWorkflow.PrepareAsync(ContextOver(arm), request, CancellationToken.None);
        return await PlanExecutor.RunAsync(prepared.Plan, new PlanRunOptions(), CancellationToken.None);
    }
}
