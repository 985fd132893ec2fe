using System.Diagnostics;
using RedisPrivateLink.Emulator.Hosting;

EmulatorOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

await using var emulator = await EmulatorHost.StartAsync(options);
Console.WriteLine($"RedisPrivateLink ARM emulator listening on {emulator.Endpoint} (certificate {emulator.Thumbprint}, " +
                  $"subscription {options.SubscriptionId}).");

if (options.ParentProcessId is { } parentId)
{
    _ = StopWhenParentExitsAsync(parentId, emulator);
}

await emulator.WaitForShutdownAsync();
return 0;

static async Task StopWhenParentExitsAsync(int parentId, RunningEmulator emulator)
{
    try
    {
        using var parent = Process.GetProcessById(parentId);
        await parent.WaitForExitAsync();
    }
    catch (ArgumentException)
    {
        // The parent is already gone: nothing left to serve.
    }

    await emulator.StopAsync();
}
