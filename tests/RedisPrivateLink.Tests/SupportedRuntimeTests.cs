using System;
using RedisPrivateLink.LoadContext;
using RedisPrivateLink.Runtime;
using Xunit;

namespace RedisPrivateLink.Tests;

public sealed class SupportedRuntimeTests
{
    [Theory]
    [InlineData("7.0.13.500")]
    [InlineData("7.2.24.500")]
    [InlineData("7.3.12.500")]
    public void Import_on_PowerShell_older_than_7_4_stops_naming_the_minimum(string assemblyVersion)
    {
        var error = Assert.Throws<PlatformNotSupportedException>(() => ModuleInitializer.RequireSupportedPowerShell(Version.Parse(assemblyVersion)));

        Assert.Contains("needs PowerShell 7.4 or later", error.Message);
        Assert.Contains($"this is PowerShell {assemblyVersion[..3]}", error.Message);
    }

    [Theory]
    [InlineData("7.4.6.500")]
    [InlineData("7.5.4.500")]
    [InlineData("7.6.9.500")]
    [InlineData("8.0.0.0")]
    public void Import_on_PowerShell_7_4_and_later_goes_on(string assemblyVersion) =>
        ModuleInitializer.RequireSupportedPowerShell(Version.Parse(assemblyVersion));

    [Theory]
    // .NET 8 ships System.Text.Json 8.0.0.0; the engine needs 10.0.0.0: our copy, privately.
    [InlineData("8.0.0.0", "10.0.0.0", "10.0.0.0", false)]
    // .NET 9 ships 9.0.0.0: still older, still ours.
    [InlineData("9.0.0.0", "10.0.0.0", "10.0.0.0", false)]
    // .NET 10 ships what we need: shared, so its types exist once.
    [InlineData("10.0.0.0", "10.0.0.0", "10.0.0.0", true)]
    // MSAL asks .NET 8 for System.Text.Json 8.0.0.0, which the runtime has; it still gets our 10.0.0.0, as the engine
    // does, or it meets our System.Text.Encodings.Web with the runtime's System.Text.Json.
    [InlineData("8.0.0.0", "8.0.0.0", "10.0.0.0", false)]
    // A netstandard facade such as System.Memory 4.0.1.2 is served by the runtime's newer one.
    [InlineData("8.0.0.0", "4.0.1.2", "4.0.1.2", true)]
    // Not shipped by the runtime at all (Azure.Core): ours.
    [InlineData(null, "1.64.0.0", "1.64.0.0", false)]
    public void A_runtime_assembly_is_shared_only_when_it_is_at_least_as_new_as_the_one_needed_and_the_one_carried(string? platform, string requested, string carried, bool shared) =>
        Assert.Equal(shared, ModuleLoadContext.PlatformServes(platform is null ? null : Version.Parse(platform), Version.Parse(requested), Version.Parse(carried)));
}
