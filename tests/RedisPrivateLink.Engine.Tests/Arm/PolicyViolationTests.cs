using System;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>Reading Azure Policy's refusals: ARM's 403 additionalInfo and checkPolicyRestrictions' evaluations.</summary>
public sealed class PolicyViolationTests
{
    // A real answer's shape (a storage account create refused by a subscription's deny, quoted in
    // danielscholl/aks-storage-poc .github/prompts/research.prompt.md), ids as published.
    private const string RefusalBody = """
        {"error":{"code":"RequestDisallowedByPolicy","target":"ff88c077ec03944d0afb68f","message":"Resource 'ff88c077ec03944d0afb68f' was disallowed by policy.","additionalInfo":[{"type":"PolicyViolation","info":{"evaluationDetails":{"evaluatedExpressions":[
        {"result":"True","expressionKind":"Field","expression":"type","path":"type","expressionValue":"Microsoft.Storage/storageAccounts","targetValue":"Microsoft.Storage/storageAccounts","operator":"Equals"},
        {"result":"True","expressionKind":"Field","expression":"Microsoft.Storage/storageAccounts/allowSharedKeyAccess","path":"properties.allowSharedKeyAccess","expressionValue":"******","targetValue":"false","operator":"Exists"},
        {"result":"False","expressionKind":"Field","expression":"name","path":"name","expressionValue":"ff88c077ec03944d0afb68f","targetValue":"system*","operator":"Like"}]},
        "policyDefinitionId":"/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policyDefinitions/73df4292-f7d6-4cfc-af96-99de6835958a","policyDefinitionName":"73df4292-f7d6-4cfc-af96-99de6835958a",
        "policyDefinitionDisplayName":"Storage Account Creation Denied When Shared Access Key Is Enabled","policyDefinitionVersion":"1.0.0","policyDefinitionEffect":"deny",
        "policyAssignmentId":"/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policyAssignments/0aedc612157c4e8cbaf9605e","policyAssignmentName":"0aedc612157c4e8cbaf9605e",
        "policyAssignmentDisplayName":"Storage Account Creation Denied When Shared Access Key Is Enabled","policyAssignmentScope":"/subscriptions/00000000-0000-0000-0000-000000000000","policyAssignmentParameters":{},"policyExemptionIds":[],"policyEnrollmentIds":[]}}]}}
        """;

    [Fact]
    public void ARealRefusalNamesItsAssignmentDefinitionAndTheConditionsThatHeld()
    {
        var error = ArmJson.Deserialize<ArmErrorResponse>(RefusalBody)!.Error!;

        var violation = Assert.Single(PolicyViolation.FromError(error));

        Assert.Equal("Storage Account Creation Denied When Shared Access Key Is Enabled", violation.AssignmentDisplayName);
        Assert.EndsWith("/policyAssignments/0aedc612157c4e8cbaf9605e", violation.AssignmentId, StringComparison.Ordinal);
        Assert.EndsWith("/policyDefinitions/73df4292-f7d6-4cfc-af96-99de6835958a", violation.DefinitionId, StringComparison.Ordinal);
        Assert.Equal("/subscriptions/00000000-0000-0000-0000-000000000000", violation.Scope);
        Assert.Equal(new[] { "properties.allowSharedKeyAccess to be set" }, violation.Requirements);
    }

    [Fact]
    public void AnErrorWithoutAdditionalInfoHasNoViolationsAndTheRefusalQuotesArm()
    {
        var error = new ArmError { Code = PolicyViolation.DeniedCode, Message = "Resource 'x' was disallowed by policy." };

        var refusal = PolicyViolation.Refusal("PUT /x", PolicyViolation.FromError(error), error.Message, "/x", null);

        Assert.Equal(ArmErrorIds.RequestDisallowedByPolicy, refusal.ErrorId);
        Assert.Contains("ARM says: Resource 'x' was disallowed by policy.", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckPolicyRestrictionsEvaluationsOfTheSpecsExampleAreReadAsDenials()
    {
        // azure-rest-api-specs policyinsights 2022-03-01 examples/PolicyRestrictions_CheckAtResourceGroupScope.json
        const string Answer = """
            {"fieldRestrictions":[],"contentEvaluationResult":{"policyEvaluations":[{"policyInfo":{"policyDefinitionId":"/subscriptions/d8db6de6-2b96-46af-b825-07aef2033c0b/providers/microsoft.authorization/policyDefinitions/435CAE41","policySetDefinitionId":"/subscriptions/d8db6de6-2b96-46af-b825-07aef2033c0b/providers/microsoft.authorization/policySetDefinitions/2162358E","policyDefinitionReferenceId":"defref222","policyAssignmentId":"/subscriptions/d8db6de6-2b96-46af-b825-07aef2033c0b/providers/microsoft.authorization/policyAssignments/2FF66C37"},
            "evaluationResult":"NonCompliant","evaluationDetails":{"evaluatedExpressions":[{"result":"True","expressionKind":"field","expression":"type","path":"type","expressionValue":"microsoft.compute/virtualmachines","targetValue":"microsoft.compute/virtualmachines","operator":"equals"}]}}]}}
            """;

        var violation = Assert.Single(PolicyViolation.FromRestrictions(Answer));

        Assert.EndsWith("/policyAssignments/2FF66C37", violation.AssignmentId, StringComparison.Ordinal);
        Assert.Contains("policy assignment '2FF66C37'", violation.Describe(), StringComparison.Ordinal);
        Assert.Equal(new[] { "no resource of type 'microsoft.compute/virtualmachines' in its scope" }, violation.Requirements);
    }
}
