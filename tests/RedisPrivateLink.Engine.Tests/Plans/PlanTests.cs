using System;
using System.Linq;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Plans;
using Xunit;
using static RedisPrivateLink.Engine.Tests.Plans.TestSteps;

namespace RedisPrivateLink.Engine.Tests.Plans;

public sealed class PlanTests
{
    [Fact]
    public void DescribeKeepsTheAddedOrderWhereDependenciesAllow()
    {
        var plan = PlanOf(Instant("endpoint", "cache", "subnet"), Instant("group"), Instant("cache", "group"), Instant("subnet", "group"), Instant("zone"));

        Assert.Equal(new[] { "group", "cache", "subnet", "endpoint", "zone" }, plan.Describe().Select(step => step.Key));
    }

    [Fact]
    public void DescribeOfIndependentStepsIsTheAddedOrder()
    {
        var plan = PlanOf(Instant("c"), Instant("a"), Instant("b"));

        Assert.Equal(new[] { "c", "a", "b" }, plan.Describe().Select(step => step.Key));
        Assert.Equal(new[] { "c", "a", "b" }, plan.Steps.Select(step => step.Key));
    }

    [Fact]
    public void DuplicateKeyIsRefused()
    {
        var plan = PlanOf(Instant("vnet"));

        var error = Assert.Throws<InvalidOperationException>(() => plan.Add(Instant("vnet")));
        Assert.Contains("'vnet'", error.Message);
    }

    [Fact]
    public void UnknownDependencyIsRefusedNamingIt()
    {
        var plan = PlanOf(Instant("endpoint", "subnet"));

        var error = Assert.Throws<InvalidOperationException>(() => plan.Describe());
        Assert.Equal("Step 'endpoint' depends on 'subnet', which is not in the plan.", error.Message);
    }

    [Fact]
    public void CycleIsRefusedShowingTheLoop()
    {
        var plan = PlanOf(Instant("group"), Instant("a", "group", "c"), Instant("b", "a"), Instant("c", "b"), Instant("d", "a"));

        var error = Assert.Throws<InvalidOperationException>(() => plan.Describe());
        Assert.Contains("a -> c -> b -> a", error.Message);
    }

    [Fact]
    public void SelfDependencyIsACycle()
    {
        var plan = PlanOf(Instant("a", "a"));

        Assert.Contains("a -> a", Assert.Throws<InvalidOperationException>(() => plan.Describe()).Message);
    }

    [Theory]
    [InlineData("", "Create", "t", "d")]
    [InlineData("k", " ", "t", "d")]
    [InlineData("k", "Create", "", "d")]
    [InlineData("k", "Create", "t", "")]
    public void StepNeedsKeyActionTargetAndDescription(string key, string action, string target, string description) =>
        Assert.Throws<ArgumentException>(() => new PlanStep(key, action, target, description, null, (_, _) => Task.FromResult(StepResult.Created())));

    [Fact]
    public void DuplicateDependenciesCollapse() =>
        Assert.Equal(new[] { "a" }, Instant("b", "a", "a").DependsOn);
}
