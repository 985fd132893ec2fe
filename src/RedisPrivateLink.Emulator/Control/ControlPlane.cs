using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RedisPrivateLink.Emulator.Faults;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Control;

/// <summary>/_emulator/*: what tests use to inspect and steer the emulator. No authentication, loopback only.</summary>
internal static class ControlPlane
{
    public const string Prefix = "/_emulator";

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emulator, StateFile? stateFile)
    {
        var group = app.MapGroup(Prefix);
        group.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));

        group.MapGet("/requests", () => Results.Ok(emulator.Log.Snapshot()));
        group.MapDelete("/requests", () =>
        {
            emulator.Log.Clear();
            return Results.NoContent();
        });

        group.MapPost("/faults", (FaultRule rule) =>
        {
            try
            {
                var id = emulator.Faults.Add(rule);
                return Results.Created($"{Prefix}/faults/{id}", new { id });
            }
            catch (ArgumentException error)
            {
                return Results.BadRequest(new { error = new { code = "InvalidFault", message = error.Message } });
            }
        });
        group.MapGet("/faults", () => Results.Ok(emulator.Faults.List()));
        group.MapDelete("/faults", () =>
        {
            emulator.Faults.Clear();
            return Results.NoContent();
        });
        group.MapDelete("/faults/{id}", (string id) => emulator.Faults.Remove(id) ? Results.NoContent() : Results.NotFound());

        CacheDataEndpoints.Map(group, emulator, stateFile);
        Identity.IdentityEndpoints.MapControl(group, emulator);
        Authorization.RoleAssignmentEndpoints.MapControl(group, emulator, stateFile);
        Policy.PolicyEndpoints.Map(group, emulator);

        // A subscription that has not registered a namespace (or had it unregistered): writes there answer 409
        // MissingSubscriptionRegistration until the client registers it.
        group.MapPost("/providers/{providerNamespace}/unregister", (string providerNamespace) =>
        {
            try
            {
                emulator.ProviderRegistrations.Unregister(providerNamespace);
                stateFile?.Save(emulator);
                return Results.NoContent();
            }
            catch (Arm.ArmException error)
            {
                return Results.NotFound(new { error = new { code = error.Code, message = error.Message } });
            }
        });

        // A region that lacks a type at an api-version (or the type altogether): its requests answer 400
        // NoRegisteredProviderFound; {"location", "apiVersion"?, "listed"?}.
        group.MapPost("/providers/{providerNamespace}/resourceTypes/{resourceType}/unavailable", (string providerNamespace, string resourceType, UnavailableRequest body) =>
        {
            var type = ResourceTypeCatalog.Find($"{providerNamespace}/{resourceType}");
            if (type is null || type.IsChild || string.IsNullOrEmpty(body.Location))
            {
                return Results.BadRequest(new { error = new { code = "InvalidRequest", message = "A top-level resource type the emulator serves and a location are required." } });
            }

            emulator.RegionalAvailability.Add(new RegionalAvailability.Gap(type.Key, body.Location, body.ApiVersion, body.Listed ?? true));
            return Results.NoContent();
        });

        // A management lock on a resource group: {"resourceGroup": "rg", "level": "ReadOnly" | "CanNotDelete"}.
        group.MapPost("/locks", (LockRequest body) =>
        {
            try
            {
                emulator.Locks.Add(body.ResourceGroup, body.Level);
                stateFile?.Save(emulator);
                return Results.NoContent();
            }
            catch (ArgumentException error)
            {
                return Results.BadRequest(new { error = new { code = "InvalidLock", message = error.Message } });
            }
        });
        group.MapDelete("/locks", () =>
        {
            emulator.Locks.Clear();
            stateFile?.Save(emulator);
            return Results.NoContent();
        });

        // Another subscription beside the command line's, as a landing zone's hub or spoke: {"displayName"?, "tenantId"?}.
        group.MapPut("/subscriptions/{subscriptionId}", (string subscriptionId, SubscriptionRequest? body) =>
        {
            try
            {
                var subscription = emulator.Subscriptions.Add(subscriptionId, body?.TenantId, body?.DisplayName);
                stateFile?.Save(emulator);
                return Results.Ok(subscription);
            }
            catch (ArgumentException error)
            {
                return Results.BadRequest(new { error = new { code = "InvalidSubscription", message = error.Message } });
            }
        });
        group.MapGet("/subscriptions", () => Results.Ok(emulator.Subscriptions.All()));

        // A test aid: a provisioned fleet put straight into the store (FleetSeed); {"subscriptions", "cachesPerSubscription", ...}.
        group.MapPost("/seed", (FleetSeedRequest body) =>
        {
            try
            {
                var added = FleetSeed.Seed(emulator, body);
                stateFile?.Save(emulator);
                return Results.Ok(new { added });
            }
            catch (ArgumentException error)
            {
                return Results.BadRequest(new { error = new { code = "InvalidSeed", message = error.Message } });
            }
        });

        group.MapPost("/reset", () =>
        {
            emulator.Reset();
            stateFile?.Save(emulator);
            return Results.NoContent();
        });
    }
}

/// <summary>The body of POST /_emulator/locks.</summary>
internal sealed record LockRequest(string ResourceGroup, string Level);

/// <summary>The body of PUT /_emulator/subscriptions/{subscriptionId}.</summary>
internal sealed record SubscriptionRequest(string? DisplayName, string? TenantId);

internal sealed record UnavailableRequest(string? Location, string? ApiVersion, bool? Listed);
