using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>GET /subscriptions and /subscriptions/{id}: every subscription the emulator hosts, in the order added.</summary>
internal sealed class SubscriptionHandler(EmulatorContext emulator)
{
    public ArmResult List(ArmRequest request)
    {
        RequireApiVersion(request);
        return new ArmResult(200, new JsonObject { ["value"] = new JsonArray([.. emulator.Subscriptions.All().Select(Body)]) });
    }

    public ArmResult Get(ArmRequest request)
    {
        RequireApiVersion(request);
        return new ArmResult(200, Body(emulator.Subscriptions.Require(request.Path[1])));
    }

    private static JsonObject Body(EmulatedSubscription subscription) => new()
    {
        ["id"] = $"/subscriptions/{subscription.SubscriptionId}",
        ["authorizationSource"] = "RoleBased",
        ["subscriptionId"] = subscription.SubscriptionId,
        ["tenantId"] = subscription.TenantId,
        ["displayName"] = subscription.DisplayName,
        ["state"] = "Enabled",
        ["subscriptionPolicies"] = new JsonObject
        {
            ["locationPlacementId"] = "Public_2014-09-01",
            ["quotaId"] = "PayAsYouGo_2014-09-01",
            ["spendingLimit"] = "Off",
        },
    };

    private static void RequireApiVersion(ArmRequest request)
    {
        if (!ResourceTypeCatalog.SubscriptionApiVersions.Contains(request.ApiVersion))
        {
            throw ArmErrors.InvalidApiVersion(request.ApiVersion, ResourceTypeCatalog.SubscriptionApiVersions);
        }
    }
}
