using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class ModelDeserializationTests
{
    public static IEnumerable<object[]> ExampleKeys() => SharedData.ExampleResponses().Select(r => new object[] { r.Key });

    public static IEnumerable<object[]> RecordedCallSources() => SharedData.RecordedCalls().Select(c => new object[] { c.Source });

    [Fact]
    public void SharedDataIsPresentAndComplete()
    {
        Assert.True(SharedData.ExampleResponses().Count >= 30);
        var calls = SharedData.RecordedCalls();
        Assert.True(calls.Count >= 70, $"only {calls.Count} recorded calls were read");
        Assert.Contains(calls, c => c.Source.EndsWith(".yaml[0]", StringComparison.Ordinal) && c.Method == "PATCH" && c.Status == 202);
    }

    [Theory]
    [MemberData(nameof(ExampleKeys))]
    public void EveryExampleResponseDeserializes(string key)
    {
        var body = SharedData.ExampleResponses().Single(r => r.Key == key).Body;
        var modelType = WireModels.ForExample(key.Substring(0, key.IndexOf('#')));
        AssertDeserializes(body.GetRawText(), modelType, key);
    }

    [Theory]
    [MemberData(nameof(RecordedCallSources))]
    public void EveryRecordedResponseDeserializes(string source)
    {
        var call = SharedData.RecordedCalls().Single(c => c.Source == source);
        var modelType = WireModels.ForPath(call.Path);
        if (modelType is null || string.IsNullOrWhiteSpace(call.ResponseBody) || call.ResponseBody!.Trim() == "{}")
        {
            return;
        }

        AssertDeserializes(call.ResponseBody, modelType, call.ToString());
    }

    [Fact]
    public void RedisCacheGetExampleReadsNetworkFields()
    {
        var cache = Read<RedisCache>("Microsoft.Cache/RedisCacheGet.json", "200");
        Assert.Equal("Enabled", cache.Properties!.PublicNetworkAccess);
        Assert.Equal("cache1.redis.cache.windows.net", cache.Properties.HostName);
        Assert.Equal(6379, cache.Properties.Port);
        Assert.Equal(6380, cache.Properties.SslPort);
        Assert.Equal("Premium", cache.Properties.Sku!.Name);
        Assert.Equal("P", cache.Properties.Sku.Family);
        Assert.Equal(3, cache.Properties.Sku.Capacity);
        var connection = Assert.Single(cache.Properties.PrivateEndpointConnections!);
        Assert.Equal("Approved", connection.Properties!.PrivateLinkServiceConnectionState!.Status);
        Assert.True(ResourceId.Parse(cache.Id).IsOfType("microsoft.cache/redis"));
    }

    [Fact]
    public void RedisCacheCreateExampleReadsVNetInjectionAndClustering()
    {
        var request = ArmJson.Deserialize<RedisCache>(SharedData.ExampleRequestParameters("Microsoft.Cache/RedisCacheCreate.json").GetProperty("parameters").GetRawText())!;
        Assert.Equal(new[] { "1" }, request.Zones);
        Assert.Equal(2, request.Properties!.ShardCount);
        Assert.Equal(2, request.Properties.ReplicasPerPrimary);

        var cache = Read<RedisCache>("Microsoft.Cache/RedisCacheCreate.json", "201");
        Assert.Equal(new[] { "1" }, cache.Zones);
        Assert.Equal("/subscriptions/subid/resourceGroups/rg2/providers/Microsoft.Network/virtualNetworks/network1/subnets/subnet1", request.Properties.SubnetId);
        Assert.Equal("192.168.0.5", request.Properties.StaticIP);
        Assert.Equal(2, cache.Properties!.ReplicasPerPrimary);
        Assert.Equal("1.2", cache.Properties.MinimumTlsVersion);
        Assert.Equal("allkeys-lru", cache.Properties.RedisConfiguration!["maxmemory-policy"]);
        Assert.False(cache.Properties.EnableNonSslPort);
    }

    [Fact]
    public void AsyncOperationStatusExampleToleratesNulls()
    {
        var status = Read<AsyncOperationStatus>("Microsoft.Cache/RedisCacheAsyncOperationStatus.json", "200");
        Assert.Equal("Succeeded", status.Status);
        Assert.Null(status.PercentComplete);
        Assert.Null(status.Error);
    }

    [Fact]
    public void PrivateEndpointGetExampleReadsDnsConfigsAndInterfaces()
    {
        var endpoint = Read<PrivateEndpoint>("Microsoft.Network/PrivateEndpointGet.json", "200");
        Assert.Equal(new[] { "abc.cosmos.com", "abc2.cosmos.com" }, endpoint.Properties!.CustomDnsConfigs!.Select(c => c.Fqdn));
        Assert.Equal("192.168.0.4", endpoint.Properties.CustomDnsConfigs![0].IpAddresses!.Single());
        Assert.Single(endpoint.Properties.NetworkInterfaces!);
        Assert.NotEmpty(endpoint.Properties.PrivateLinkServiceConnections!);
        Assert.EndsWith("/subnets/mySubnet", endpoint.Properties.Subnet!.Id);
    }

    [Fact]
    public void ManualApprovalExampleReadsPendingState()
    {
        var endpoint = Read<PrivateEndpoint>("Microsoft.Network/PrivateEndpointCreateForManualApproval.json", "200");
        var connection = Assert.Single(endpoint.Properties!.ManualPrivateLinkServiceConnections!);
        Assert.Equal("Pending", connection.Properties!.PrivateLinkServiceConnectionState!.Status);
        Assert.Equal(new[] { "groupIdFromResource" }, connection.Properties.GroupIds);
    }

    [Fact]
    public void DnsZoneGroupExampleReadsRecordSets()
    {
        var group = Read<PrivateDnsZoneGroup>("Microsoft.Network/PrivateEndpointDnsZoneGroupCreate.json", "200");
        var config = Assert.Single(group.Properties!.PrivateDnsZoneConfigs!);
        Assert.Equal(new[] { "10.0.0.4" }, config.Properties!.RecordSets![0].IpAddresses);
        Assert.Equal("abc", config.Properties.RecordSets[0].RecordSetName);
        Assert.Equal("A", config.Properties.RecordSets[0].RecordType);
    }

    [Fact]
    public void PrivateDnsExamplesReadZoneLinkAndRecords()
    {
        var link = Read<VirtualNetworkLink>("Microsoft.Network.PrivateDns/VirtualNetworkLinkPut.json", "201");
        Assert.False(link.Properties!.RegistrationEnabled);
        Assert.Equal("Completed", link.Properties.VirtualNetworkLinkState);
        Assert.EndsWith("/virtualNetworks/virtualNetworkName", link.Properties.VirtualNetwork!.Id);

        var record = Read<ARecordSet>("Microsoft.Network.PrivateDns/RecordSetAPut.json", "200");
        Assert.Equal("1.2.3.4", record.Properties!.ARecords!.Single().Ipv4Address);
        Assert.Equal(3600, record.Properties.Ttl);

        var zone = Read<PrivateDnsZone>("Microsoft.Network.PrivateDns/PrivateZonePut.json", "200");
        Assert.Equal("global", zone.Location);
        Assert.Equal("Succeeded", zone.Properties!.ProvisioningState);
    }

    [Fact]
    public void PrivateLinkResourcesExampleNamesTheRedisGroupAndZone()
    {
        var page = ArmJson.Deserialize<ArmPage<PrivateLinkResource>>(SharedData.ExampleResponse("Microsoft.Cache/RedisCacheListPrivateLinkResources.json", "200").GetRawText())!;
        var resource = Assert.Single(page.Value!);
        Assert.Equal("redisCache", resource.Properties!.GroupId);
        Assert.Equal(new[] { "privatelink.redis.cache.windows.net" }, resource.Properties.RequiredZoneNames);
    }

    [Fact]
    public void RecordedPatchShowsOldPublicNetworkAccessWhileUpdating()
    {
        var patch = SharedData.RecordedCalls("azure-cli_test_redis_cache_update").Single(c => c.Method == "PATCH");
        var cache = ArmJson.Deserialize<RedisCache>(patch.ResponseBody!)!;
        Assert.Equal(202, patch.Status);
        Assert.Equal("Updating", cache.Properties!.ProvisioningState);
        Assert.Equal("Enabled", cache.Properties.PublicNetworkAccess);
        Assert.Equal("West Europe", cache.Location);
        Assert.Equal("642", cache.Properties.RedisConfiguration!["maxmemory-reserved"]);
        Assert.StartsWith("https://management.azure.com/", patch.ResponseHeaders["azure-asyncoperation"], StringComparison.Ordinal);
    }

    [Fact]
    public void RecordedRedisCreatePollsInProgressThenSucceeded()
    {
        var calls = SharedData.RecordedCalls("azure-cli_test_standard_redis_cache_zonal");
        var statuses = calls.Where(c => WireModels.ForPath(c.Path) == typeof(AsyncOperationStatus))
            .Select(c => ArmJson.Deserialize<AsyncOperationStatus>(c.ResponseBody!)!.Status).ToList();
        Assert.Equal(new[] { "InProgress", "Succeeded" }, statuses);
        Assert.Equal("Creating", ArmJson.Deserialize<RedisCache>(calls[0].ResponseBody!)!.Properties!.ProvisioningState);
        Assert.Equal("Succeeded", ArmJson.Deserialize<RedisCache>(calls.Last().ResponseBody!)!.Properties!.ProvisioningState);
    }

    [Fact]
    public void RecordedCacheListShowsDisabledPublicAccessAndEmbeddedConnections()
    {
        var list = SharedData.RecordedCalls("azure-powershell_RedisCache").Single(c => c.Method == "GET" && c.Path.EndsWith("/Microsoft.Cache/redis", StringComparison.OrdinalIgnoreCase));
        var caches = ArmJson.Deserialize<ArmPage<RedisCache>>(list.ResponseBody!)!.Value!;
        var cache = caches.Single(c => c.Properties!.PrivateEndpointConnections?.Count > 0);
        Assert.Equal("Disabled", cache.Properties!.PublicNetworkAccess);
        Assert.NotNull(cache.Properties.PrivateEndpointConnections![0].Properties!.PrivateLinkServiceConnectionState!.Status);
        Assert.Contains(caches, c => c.Type == "Microsoft.Cache/Redis");
    }

    [Fact]
    public void RecordedManualApprovalShowsPendingThenDnsConfigsAfterApproval()
    {
        var calls = SharedData.RecordedCalls("azure-sdk-for-java_PrivateLinkTests.testPrivateEndpointRedis");
        var connectionLists = calls.Where(c => c.Method == "GET" && c.Path.EndsWith("/privateEndpointConnections", StringComparison.OrdinalIgnoreCase)).ToList();
        var pending = ArmJson.Deserialize<ArmPage<PrivateEndpointConnection>>(connectionLists[0].ResponseBody!)!.Value!;
        Assert.Equal("Pending", pending.Single().Properties!.PrivateLinkServiceConnectionState!.Status);

        var endpointReads = calls.Where(c => c.Method == "GET" && WireModels.ForPath(c.Path) == typeof(PrivateEndpoint))
            .Select(c => ArmJson.Deserialize<PrivateEndpoint>(c.ResponseBody!)!).ToList();
        var last = endpointReads.Last();
        Assert.Equal("Approved", last.Properties!.ManualPrivateLinkServiceConnections!.Single().Properties!.PrivateLinkServiceConnectionState!.Status);
        Assert.Contains(last.Properties.CustomDnsConfigs!, c => c.Fqdn!.StartsWith("redis", StringComparison.Ordinal) && c.IpAddresses!.Count > 0);
        Assert.True(endpointReads.First().Properties!.CustomDnsConfigs is null or { Count: 0 });
    }

    [Fact]
    public void RecordedDnsZoneGroupHasRecordSetsWithPrivateIps()
    {
        var calls = SharedData.RecordedCalls("azure-sdk-for-java_PrivateLinkTests.testPrivateEndpointE2E");
        var groups = calls.Where(c => WireModels.ForPath(c.Path) == typeof(PrivateDnsZoneGroup) && c.Status is 200 or 201 && !c.Path.EndsWith("privateDnsZoneGroups", StringComparison.OrdinalIgnoreCase))
            .Select(c => ArmJson.Deserialize<PrivateDnsZoneGroup>(c.ResponseBody!)!).ToList();
        Assert.NotEmpty(groups);
        var recordSets = groups.SelectMany(g => g.Properties!.PrivateDnsZoneConfigs!).SelectMany(z => z.Properties!.RecordSets ?? new List<PrivateDnsRecordSet>()).ToList();
        Assert.Contains(recordSets, r => r.RecordType == "A" && r.IpAddresses!.Count > 0);

        var dnsPolls = calls.Where(c => c.Path.Contains("privateDnsOperationStatuses", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(dnsPolls, c => c.Status == 202);
        Assert.Contains(dnsPolls, c => c.Status == 200 && ArmJson.Deserialize<AsyncOperationStatus>(c.ResponseBody!)!.Status == "Succeeded");
    }

    private static T Read<T>(string example, string status) =>
        ArmJson.Deserialize<T>(SharedData.ExampleResponse(example, status).GetRawText())!;

    private static void AssertDeserializes(string json, Type modelType, string what)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("value", out var items))
        {
            var pageType = typeof(ArmPage<>).MakeGenericType(modelType);
            Assert.NotNull(JsonSerializer.Deserialize(json, pageType, ArmJson.Options));
            foreach (var item in items.EnumerateArray())
            {
                AssertItem(item.GetRawText(), modelType, what);
            }
        }
        else
        {
            AssertItem(json, modelType, what);
        }
    }

    private static void AssertItem(string json, Type modelType, string what)
    {
        var model = JsonSerializer.Deserialize(json, modelType, ArmJson.Options);
        Assert.NotNull(model);
        switch (model)
        {
            case ArmResource resource:
                Assert.False(string.IsNullOrEmpty(resource.Id), $"{what}: no id");
                var id = ResourceId.Parse(resource.Id);
                Assert.Equal(resource.Name, id.Name, StringComparer.OrdinalIgnoreCase);
                if (resource.Type is not null)
                {
                    Assert.True(resource.Type.Split('/').Last().Equals(id.ResourceType.Split('/').Last(), StringComparison.OrdinalIgnoreCase), $"{what}: type {resource.Type} vs id {id}");
                }

                var properties = modelType.GetProperty("Properties")!.GetValue(model);
                Assert.True(properties is not null, $"{what}: no properties");
                break;
            case AsyncOperationStatus status:
                Assert.Contains(status.Status, new[] { "InProgress", "Succeeded", "Failed", "Canceled" });
                break;
            case Subscription subscription:
                Assert.False(string.IsNullOrEmpty(subscription.SubscriptionId), what);
                break;
        }
    }
}
