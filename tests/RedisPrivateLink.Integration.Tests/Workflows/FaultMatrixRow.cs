namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// One row of the fault matrix: the cmdlet (with the variant it runs), the write the fault is injected on (Convert's
/// with its strategy), the fault, and the body that runs and checks it.
/// </summary>
internal sealed record FaultMatrixRow(string Cmdlet, string Step, string Fault, Func<WorkflowScenario, Task> Run);
