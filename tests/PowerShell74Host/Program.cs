namespace RedisPrivateLink.PowerShell74Host;

/// <summary>The console host of PowerShell 7.4, as pwsh itself starts it.</summary>
public static class Program
{
    public static int Main(string[] args) => Microsoft.PowerShell.UnmanagedPSEntry.Start(args, args.Length);
}
