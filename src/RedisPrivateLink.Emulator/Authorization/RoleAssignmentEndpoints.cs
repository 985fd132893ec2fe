using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Authorization;

/// <summary>/_emulator/roleAssignments: the role assignments tests give principals (by the oid their tokens carry).</summary>
internal static class RoleAssignmentEndpoints
{
    public static void MapControl(RouteGroupBuilder group, EmulatorContext emulator, StateFile? stateFile)
    {
        group.MapPost("/roleAssignments", (RoleAssignmentRequest body) =>
        {
            try
            {
                var assignment = emulator.RoleAssignments.Add(body.PrincipalId ?? "", body.Scope ?? "", body.Role ?? "");
                stateFile?.Save(emulator);
                return Results.Created($"/_emulator/roleAssignments/{assignment.Id}", assignment);
            }
            catch (ArgumentException error)
            {
                return Results.BadRequest(new { error = new { code = "InvalidRoleAssignment", message = error.Message } });
            }
        });
        group.MapGet("/roleAssignments", () => Results.Ok(emulator.RoleAssignments.Snapshot()));
        group.MapDelete("/roleAssignments/{id}", (string id) =>
        {
            var removed = emulator.RoleAssignments.Remove(id);
            stateFile?.Save(emulator);
            return removed ? Results.NoContent() : Results.NotFound();
        });
        group.MapDelete("/roleAssignments", () =>
        {
            emulator.RoleAssignments.Clear();
            stateFile?.Save(emulator);
            return Results.NoContent();
        });
    }
}

/// <summary>The body of POST /_emulator/roleAssignments: the principal's object id, the scope, and a built-in role's name or id.</summary>
internal sealed record RoleAssignmentRequest(string? PrincipalId, string? Scope, string? Role);
