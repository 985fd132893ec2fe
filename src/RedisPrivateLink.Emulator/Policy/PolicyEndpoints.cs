using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RedisPrivateLink.Emulator.Policy;

/// <summary>/_emulator/policyAssignments: the Azure Policy assignments the emulator enforces (see <see cref="PolicyAssignments"/>).</summary>
internal static class PolicyEndpoints
{
    public static void Map(RouteGroupBuilder group, EmulatorContext emulator)
    {
        group.MapPut("/policyAssignments/{name}", (string name, PolicyAssignment assignment) =>
        {
            assignment.Name = name;
            if (assignment.Problem(emulator.Options.SubscriptionId) is { } problem)
            {
                return Results.BadRequest(new { error = new { code = "InvalidPolicyAssignment", message = $"Policy assignment '{name}': {problem}" } });
            }

            emulator.Policies.Set(assignment);
            return Results.Ok(PolicyAssignments.Render(assignment));
        });
        group.MapGet("/policyAssignments", () => Results.Ok(emulator.Policies.List().Select(PolicyAssignments.Render)));
        group.MapGet("/policyAssignments/{name}", (string name) =>
            emulator.Policies.Find(name) is { } assignment ? Results.Ok(PolicyAssignments.Render(assignment)) : Results.NotFound());
        group.MapDelete("/policyAssignments/{name}", (string name) => emulator.Policies.Remove(name) ? Results.NoContent() : Results.NotFound());
        group.MapDelete("/policyAssignments", () =>
        {
            emulator.Policies.Clear();
            return Results.NoContent();
        });
    }
}
