using System;
using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Caches;

public class PrivateDnsRecordsTests
{
    [Theory]
    [InlineData("cache1.redis.cache.windows.net", "cache1.privatelink.redis.cache.windows.net", "privatelink.redis.cache.windows.net")]
    [InlineData("cache1.redis.cache.usgovcloudapi.net.", "cache1.privatelink.redis.cache.usgovcloudapi.net", "privatelink.redis.cache.usgovcloudapi.net")]
    [InlineData("CACHE1.redis.cache.chinacloudapi.cn", "CACHE1.privatelink.redis.cache.chinacloudapi.cn", "privatelink.redis.cache.chinacloudapi.cn")]
    [InlineData("cache1.example.internal", "cache1.example.internal", "privatelink.example.internal")]
    public void ACustomDnsConfigNamesThePrivatelinkRecordItCallsFor(string fqdn, string expectedFqdn, string expectedZone)
    {
        var record = PrivateDnsRecords.FromCustomDnsConfig(new CustomDnsConfig { Fqdn = fqdn, IpAddresses = new List<string> { "10.0.0.4" } });

        Assert.Equal(expectedFqdn, record.Fqdn);
        Assert.Equal(expectedZone, record.ZoneName);
        Assert.Null(record.ZoneId);
        Assert.Equal(new[] { "10.0.0.4" }, record.IpAddresses);
    }

    [Fact]
    public void AZoneGroupGivesEachRecordSetWithItsZone()
    {
        const string zoneId = "/subscriptions/sub/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net";
        var group = new PrivateDnsZoneGroup
        {
            Properties = new PrivateDnsZoneGroupProperties
            {
                PrivateDnsZoneConfigs = new List<PrivateDnsZoneConfig>
                {
                    new()
                    {
                        Name = "redis",
                        Properties = new PrivateDnsZoneConfigProperties
                        {
                            PrivateDnsZoneId = zoneId,
                            RecordSets = new List<PrivateDnsRecordSet>
                            {
                                new() { RecordSetName = "cache1", Fqdn = "cache1.privatelink.redis.cache.windows.net.", IpAddresses = new List<string> { "10.0.0.4" } },
                                new() { RecordSetName = "cache2" },
                            },
                        },
                    },
                },
            },
        };

        var records = new List<RedisPrivateDnsRecord>(PrivateDnsRecords.FromZoneGroup(group));

        Assert.Equal(2, records.Count);
        Assert.Equal("cache1.privatelink.redis.cache.windows.net", records[0].Fqdn);
        Assert.Equal("privatelink.redis.cache.windows.net", records[0].ZoneName);
        Assert.Equal(zoneId, records[0].ZoneId);
        Assert.Equal(new[] { "10.0.0.4" }, records[0].IpAddresses);
        Assert.Equal("cache2.privatelink.redis.cache.windows.net", records[1].Fqdn);
        Assert.Empty(records[1].IpAddresses);
    }
}
