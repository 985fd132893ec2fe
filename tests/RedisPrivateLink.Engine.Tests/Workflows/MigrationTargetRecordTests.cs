using System;
using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Workflows;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Workflows;

public sealed class MigrationTargetRecordTests
{
    private static readonly ResourceId Cache = ResourceId.ForResource("s", "rg", "Microsoft.Cache/redis", "Orders");

    [Fact]
    public void TheDefinitionRoundTripsThroughTagsOfAzuresSize()
    {
        var definition = Definition(settingsLength: 3000);

        var pieces = MigrationTargetRecord.Encode(Cache, definition);
        var decoded = MigrationTargetRecord.Decode(Cache, pieces.ToDictionary(p => p.Name.ToUpperInvariant(), p => p.Value));

        Assert.All(pieces, piece => Assert.InRange(piece.Value.Length, 1, 256));
        Assert.Equal(Enumerable.Range(0, pieces.Count).Select(i => $"rpl-migration-target-orders-{i}"), pieces.Select(p => p.Name));
        Assert.Equal(ArmJson.Serialize(definition), ArmJson.Serialize(decoded));
    }

    [Fact]
    public void ACacheWhoseNameExtendsAnothersDoesNotReadItsRecord()
    {
        var other = ResourceId.ForResource("s", "rg", "Microsoft.Cache/redis", "orders-1");
        var tags = MigrationTargetRecord.Encode(other, Definition(settingsLength: 10)).ToDictionary(p => p.Name, p => p.Value);

        Assert.Null(MigrationTargetRecord.Decode(Cache, tags));
        MigrationTargetRecord.RequireRoom(Cache, tags.Concat(Enumerable.Range(0, 50 - tags.Count - 1).Select(i => new KeyValuePair<string, string>($"t{i}", "v"))).ToDictionary(t => t.Key, t => t.Value), 1);
    }

    [Fact]
    public void AnEditedRecordIsReportedNotGuessed()
    {
        var error = Assert.Throws<RedisPrivateLinkException>(() =>
            MigrationTargetRecord.Decode(Cache, new Dictionary<string, string> { ["rpl-migration-target-orders-0"] = "bm90IGRlZmxhdGU=" }));

        Assert.Equal(WorkflowErrorIds.MigrationRecordUnreadable, error.ErrorId);
    }

    [Fact]
    public void ARecordThatWouldPassFiftyTagsIsRefusedCountingOnlyOtherTags()
    {
        var groupTags = Enumerable.Range(0, 45).ToDictionary(i => $"t{i}", _ => "v");
        groupTags["rpl-migration-target-orders-0"] = "old";

        MigrationTargetRecord.RequireRoom(Cache, groupTags, 5);
        var error = Assert.Throws<RedisPrivateLinkException>(() => MigrationTargetRecord.RequireRoom(Cache, groupTags, 6));

        Assert.Equal(WorkflowErrorIds.MigrationRecordDoesNotFit, error.ErrorId);
        Assert.Contains("Remove 1 tags", error.Message, StringComparison.Ordinal);
    }

    private static RedisCache Definition(int settingsLength) => new()
    {
        Location = "eastus",
        Zones = new List<string> { "1", "2" },
        Tags = new Dictionary<string, string> { ["team"] = "payments", ["rpl-migration-settings-0"] = new string('s', settingsLength) },
        Properties = new RedisCacheProperties
        {
            Sku = new RedisSku { Name = "Premium", Family = "P", Capacity = 2 },
            ShardCount = 3,
            PublicNetworkAccess = "Disabled",
            RedisConfiguration = new Dictionary<string, string> { ["maxmemory-policy"] = "allkeys-lru" },
        },
    };
}
