using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Caches;

/// <summary>-Subscription: which subscriptions ids, names and patterns choose, and lists over several of them.</summary>
public sealed class SubscriptionListingTests
{
    private const string Production = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string Development = "bbbbbbbb-0000-0000-0000-000000000002";
    private const string Staging = "cccccccc-0000-0000-0000-000000000003";
    private const string Disabled = "dddddddd-0000-0000-0000-000000000004";
    private const string OtherTenant = "eeeeeeee-0000-0000-0000-000000000005";
    private const string Tenant = "11111111-1111-1111-1111-111111111111";

    private readonly InMemoryArmGateway _arm = new();

    public SubscriptionListingTests()
    {
        _arm.Subscriptions.AddRange(new[]
        {
            Subscription(Production, "Production", "Enabled"),
            Subscription(Development, "Dev", "Enabled"),
            Subscription(Staging, "Staging", "PastDue"),
            Subscription(Disabled, "Old", "Disabled"),
            Subscription(OtherTenant, "Partner", "Enabled", "22222222-2222-2222-2222-222222222222"),
        });
    }

    [Fact]
    public async Task Ids_names_and_patterns_choose_subscriptions_in_the_order_given_each_once()
    {
        var selection = await ResolveAsync("dev", Production, "prod*", Development);

        Assert.Equal(new[] { Development, Production }, selection.Subscriptions.Select(s => s.SubscriptionId));
        Assert.Empty(selection.Errors);
        Assert.Equal(new[] { "/subscriptions" }, _arm.Reads);
    }

    [Fact]
    public async Task A_star_chooses_every_active_subscription_of_the_tenant()
    {
        var selection = await ResolveAsync("*");

        // PastDue still runs its resources; a Disabled one and another tenant's are left out.
        Assert.Equal(new[] { Production, Development, Staging }, selection.Subscriptions.Select(s => s.SubscriptionId));
    }

    [Fact]
    public async Task An_id_chooses_its_subscription_whatever_its_tenant()
    {
        var selection = await ResolveAsync(OtherTenant);

        Assert.Equal(OtherTenant, Assert.Single(selection.Subscriptions).SubscriptionId);
    }

    [Fact]
    public async Task An_unknown_id_or_name_and_a_shared_name_are_errors_of_their_own_while_the_others_are_chosen()
    {
        _arm.Subscriptions.Add(Subscription("ffffffff-0000-0000-0000-000000000006", "Dev", "Enabled"));

        var selection = await ResolveAsync("Nope", Production, "99999999-0000-0000-0000-000000000000", "Dev");

        Assert.Equal(new[] { Production }, selection.Subscriptions.Select(s => s.SubscriptionId));
        Assert.Equal(
            new[] { ("SubscriptionNotFound", "Nope"), ("SubscriptionNotFound", "99999999-0000-0000-0000-000000000000"), ("AmbiguousSubscription", "Dev") },
            selection.Errors.Select(e => (e.ErrorId, e.Target ?? string.Empty)));
        Assert.Contains("'Production' (" + Production + ")", selection.Errors[0].Message);
    }

    [Fact]
    public async Task A_whole_name_holding_wildcard_characters_is_that_name()
    {
        _arm.Subscriptions.Add(Subscription("ffffffff-0000-0000-0000-000000000006", "Prod [EU]", "Enabled"));
        _arm.Subscriptions.Add(Subscription("ffffffff-0000-0000-0000-000000000007", "Prod E", "Enabled"));

        var selection = await ResolveAsync("prod [eu]");

        Assert.Equal("ffffffff-0000-0000-0000-000000000006", Assert.Single(selection.Subscriptions).SubscriptionId);
    }

    [Fact]
    public async Task A_pattern_that_matches_nothing_is_no_error()
    {
        var selection = await ResolveAsync("test-*");

        Assert.Empty(selection.Subscriptions);
        Assert.Empty(selection.Errors);
    }

    [Fact]
    public async Task Each_subscription_is_listed_and_its_caches_come_out_grouped_in_the_order_chosen()
    {
        _arm.AddCollection($"/subscriptions/{Production}/providers/Microsoft.Cache/redis", Cache(Production, "p1"), Cache(Production, "p2"));
        _arm.AddCollection($"/subscriptions/{Development}/providers/Microsoft.Cache/redis", Cache(Development, "d1"));
        // The second subscription's list answers first: its cache is held until the first subscription is done.
        var productionListed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var developmentListed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _arm.BeforeRead = async path =>
        {
            if (path == $"/subscriptions/{Production}/providers/Microsoft.Cache/redis")
            {
                await productionListed.Task;
            }
            else if (path == $"/subscriptions/{Development}/providers/Microsoft.Cache/redisEnterprise")
            {
                developmentListed.SetResult(true);
            }
        };
        var caches = new List<RedisPrivateCache>();
        var errors = new List<(string, string)>();

        var listing = ListCachesAsync(new[] { "Production", "Dev" }, null, caches, errors);
        await developmentListed.Task;
        Assert.Empty(caches);
        productionListed.SetResult(true);
        await listing;

        Assert.Equal(new[] { ("p1", Production), ("p2", Production), ("d1", Development) }, caches.Select(c => (c.Name, c.SubscriptionId)));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_subscription_whose_list_fails_is_an_error_while_the_others_are_listed()
    {
        _arm.AddCollection($"/subscriptions/{Development}/providers/Microsoft.Cache/redis", Cache(Development, "d1"));
        _arm.BeforeRead = path => path.StartsWith($"/subscriptions/{Production}/", StringComparison.Ordinal)
            ? throw new ArmException(403, new ArmError { Code = "AuthorizationFailed" }, "GET", path, null, null)
            : Task.CompletedTask;
        var caches = new List<RedisPrivateCache>();
        var errors = new List<(string, string)>();

        await ListCachesAsync(new[] { Production, Development, "Nope" }, null, caches, errors);

        Assert.Equal(new[] { "d1" }, caches.Select(c => c.Name));
        Assert.Equal(new[] { ("SubscriptionNotFound", "Nope"), ("AuthorizationFailed", Production) }, errors);
    }

    [Fact]
    public async Task A_resource_group_is_listed_where_it_exists_and_is_an_error_only_when_no_subscription_has_it()
    {
        _arm.AddCollection($"/subscriptions/{Development}/resourceGroups/rg/providers/Microsoft.Cache/redis", Cache(Development, "d1"));
        _arm.BeforeRead = path => path.StartsWith($"/subscriptions/{Production}/resourceGroups/rg/", StringComparison.Ordinal)
            || path.StartsWith($"/subscriptions/{Development}/resourceGroups/other/", StringComparison.Ordinal)
            || path.StartsWith($"/subscriptions/{Production}/resourceGroups/other/", StringComparison.Ordinal)
            ? throw new ArmException(404, new ArmError { Code = "ResourceGroupNotFound" }, "GET", path, null, null)
            : Task.CompletedTask;
        var caches = new List<RedisPrivateCache>();
        var errors = new List<(string, string)>();

        await ListCachesAsync(new[] { Production, Development }, "rg", caches, errors);
        Assert.Equal(new[] { "d1" }, caches.Select(c => c.Name));
        Assert.Empty(errors);

        await ListCachesAsync(new[] { Production, Development }, "other", caches, errors);
        Assert.Equal(new[] { ("ResourceGroupNotFound", "other") }, errors);
    }

    private Task<SubscriptionSelection> ResolveAsync(params string[] asked) =>
        SubscriptionResolver.ResolveManyAsync(_arm, asked, Tenant, Pattern, CancellationToken.None);

    private Task ListCachesAsync(string[] subscriptions, string? resourceGroupName, List<RedisPrivateCache> caches, List<(string, string)> errors) =>
        SubscriptionListing.RunAsync<RedisPrivateCache>(
            new RedisPrivateLinkContext(AzureCloudEnvironment.AzureCloud, Production, "Production", Tenant, "test", CredentialKind.Emulator, _arm, new StaticTokenCredential("test", DateTimeOffset.MaxValue)),
            subscriptions,
            resourceGroupName,
            Pattern,
            (reader, onCache, ct) => reader.ForEachCacheAsync(resourceGroupName, null, onCache, ct),
            caches.Add,
            (error, target) =>
            {
                lock (errors)
                {
                    errors.Add((error switch { RedisPrivateLinkException e => e.ErrorId, ArmException e => e.Code!, _ => error.GetType().Name }, target));
                }
            },
            CancellationToken.None);

    /// <summary>Wildcards as PowerShell's WildcardPattern reads *, ? and [set], which the module passes in.</summary>
    private static Func<string, bool>? Pattern(string value) =>
        value.IndexOfAny(new[] { '*', '?', '[' }) < 0
            ? null
            : text => Regex.IsMatch(text, "^" + Regex.Escape(value).Replace("\\*", ".*").Replace("\\?", ".").Replace("\\[", "[") + "$", RegexOptions.IgnoreCase);

    private static Subscription Subscription(string id, string name, string state, string tenant = Tenant) =>
        new() { Id = "/subscriptions/" + id, SubscriptionId = id, DisplayName = name, State = state, TenantId = tenant };

    private static RedisCache Cache(string subscription, string name) => new()
    {
        Id = $"/subscriptions/{subscription}/resourceGroups/rg/providers/Microsoft.Cache/Redis/{name}",
        Name = name,
        Location = "East US",
        Properties = new RedisCacheProperties { ProvisioningState = "Succeeded", PublicNetworkAccess = "Enabled" },
    };
}
