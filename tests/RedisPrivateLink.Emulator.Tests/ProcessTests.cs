using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>The emulator as users start it: dotnet RedisPrivateLink.Emulator.dll --port 0 --connection-file ...</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PrintsOneLineWritesTheConnectionFileAndStopsOnSigterm()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var file = Path.Combine(Path.GetTempPath(), $"emulator-{Guid.NewGuid():N}.json");
        using var emulator = StartEmulator("--port", "0", "--connection-file", file);

        var line = await emulator.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        Assert.StartsWith("RedisPrivateLink ARM emulator listening on https://127.0.0.1:", line);
        var connection = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Contains((string)connection["endpoint"]!, line);

        using (var kill = Process.Start("kill", ["-TERM", emulator.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(Patience);
        }

        await emulator.WaitForExitAsync().WaitAsync(Patience);
        Assert.Equal(0, emulator.ExitCode);
        Assert.Equal("", (await emulator.StandardOutput.ReadToEndAsync()).Trim());
        File.Delete(file);
    }

    [Fact]
    public async Task ExitsWhenItsParentProcessIsGone()
    {
        using var parent = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        await parent.WaitForExitAsync().WaitAsync(Patience);

        using var emulator = StartEmulator("--port", "0", "--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await emulator.WaitForExitAsync().WaitAsync(Patience);
        Assert.Equal(0, emulator.ExitCode);
    }

    [Fact]
    public async Task RejectsUnknownArguments()
    {
        using var emulator = StartEmulator("--colour", "blue");

        await emulator.WaitForExitAsync().WaitAsync(Patience);

        Assert.Equal(2, emulator.ExitCode);
        Assert.Contains("Unknown argument '--colour'", await emulator.StandardError.ReadToEndAsync());
    }

    private static Process StartEmulator(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RedisPrivateLink.Emulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No emulator outlives the test run that started it.
        if (!arguments.Contains("--parent-pid"))
        {
            start.ArgumentList.Add("--parent-pid");
            start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Process.Start(start)!;
    }
}
