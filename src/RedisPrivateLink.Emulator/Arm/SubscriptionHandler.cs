using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>GET /subscriptions and /subscriptions/{id}: the emulator has exactly one.</summary>
internal sealed class SubscriptionHandler(EmulatorContext emulator)
{
    public ArmResult List(ArmRequest request)
    {
        RequireApiVersion(request);
        return new ArmResult(200, new JsonObject { ["value"] = new JsonArray(Subscription()) });
    }

    public ArmResult Get(ArmRequest request)
    {
        RequireApiVersion(request);
        emulator.RequireSubscription(request.Path[1]);
        return new ArmResult(200, Subscription());
    }

    private JsonObject Subscription() => new()
    {
        ["id"] = $"/subscriptions/{emulator.Options.SubscriptionId}",
        ["authorizationSource"] = "RoleBased",
        ["subscriptionId"] = emulator.Options.SubscriptionId,
        ["tenantId"] = emulator.Options.TenantId,
        ["displayName"] = "Emulator Subscription",
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
