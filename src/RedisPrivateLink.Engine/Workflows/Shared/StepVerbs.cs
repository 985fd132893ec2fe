namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The action and wording of a step that creates one resource, uses it as it is, or sends it again when an earlier
/// write left it Failed: one rule for every such step, so -WhatIf reads the same whatever the resource.
/// </summary>
internal static class StepVerbs
{
    public const string Create = "Create";
    public const string Use = "Use";
    public const string Update = "Update";

    /// <param name="failedState">The existing resource's provisioning state when an earlier write left it Failed; else null.</param>
    /// <param name="creating">The action of a step that creates the resource, "Create" unless the step names it otherwise ("Link").</param>
    public static string Action(bool exists, string? failedState, string creating = Create) =>
        failedState is not null ? Update : exists ? Use : creating;

    /// <summary>The description of a resource sent again, <paramref name="what"/> naming it: "Send … again: its provisioning state is Failed".</summary>
    public static string Resend(string what, string failedState) => $"Send {what} again: its provisioning state is {failedState}";
}
