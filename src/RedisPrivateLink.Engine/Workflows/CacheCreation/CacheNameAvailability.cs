using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Cache names are global DNS names. Microsoft.Cache's checkNameAvailability answers 200 with no body when the name is
/// free and an error (409 NameNotAvailable) when it is taken, rather than a body with available=false. Its answers are
/// read by code: a subscription not registered for Microsoft.Cache answers 409 too (MissingSubscriptionRegistration),
/// and that says nothing about the name.
/// </summary>
internal static class CacheNameAvailability
{
    public const string NameNotAvailableCode = "NameNotAvailable";

    /// <param name="notices">Gets a line when the check cannot be made yet (Microsoft.Cache not registered).</param>
    public static async Task RequireAvailableAsync(IArmGateway arm, string subscriptionId, string name, ICollection<string> notices, CancellationToken cancellationToken)
    {
        // Sent as a plain request: this check is part of validation, which writes nothing, so a refusal for want of
        // registration must not register the namespace (the plan's register step does that).
        var path = $"/subscriptions/{subscriptionId}/providers/Microsoft.Cache/CheckNameAvailability";
        var response = await arm.SendAsync(new ArmRequest(RequestMethod.Post, path) { Body = new { name, type = "Microsoft.Cache/redis" } }, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return;
        }

        try
        {
            ArmGateway.EnsureSuccess(response, "POST", path);
        }
        catch (ArmException ex) when (ex.Code == NameNotAvailableCode)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNameNotAvailable, RedisPrivateLinkErrorCategory.InvalidArgument,
                $"Cache name '{name}' is already taken: cache names are global DNS names (<name>.redis.cache.windows.net), and another cache, in this or another subscription, uses it. Choose another name.",
                name, ex);
        }
        catch (ArmException ex) when (ex.Code == ResourceProviderRegistration.MissingSubscriptionRegistrationCode)
        {
            notices.Add($"Whether the cache name '{name}' is free cannot be checked before resource provider 'Microsoft.Cache' is registered in this subscription; the cache's create tells, after the registration.");
        }
        catch (ArmException ex) when (ex.MissingPermission is { } missing)
        {
            // A credential with roles on resource groups only may not ask the subscription; the create answers for the name.
            notices.Add($"Whether the cache name '{name}' is free could not be checked: the credential may not perform '{missing.Action}' on '{missing.Scope}'. The cache's create tells instead.");
        }
    }
}
