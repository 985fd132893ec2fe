using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// Runs when the module is imported, before any cmdlet touches an engine type: it points the runtime at the
/// module's Dependencies folder, through a private AssemblyLoadContext on PowerShell 7 and AssemblyResolve on
/// Windows PowerShell 5.1 (which has no load contexts).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string DependencyFolderName = "Dependencies";
    private const string LoadContextAssemblyName = "RedisPrivateLink.LoadContext";
    private static readonly string[] EntryAssemblies = { "RedisPrivateLink.Engine" };

    /// <summary>The oldest PowerShell 7 the module runs on: 7.4 LTS, on .NET 8, which the load context is built for.</summary>
    internal static readonly Version MinimumCorePowerShell = new(7, 4);

    private static readonly string ModuleDirectory =
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, DependencyFolderName);

    public void OnImport()
    {
        if (IsCoreClr)
        {
            RequireSupportedPowerShell(typeof(PSObject).Assembly.GetName().Version);
            InstallPrivateLoadContext();
        }
        else
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
        }
    }

    public void OnRemove(PSModuleInfo module)
    {
        // The load context cannot be unloaded while PowerShell holds our types; Desktop's handler can go.
        if (!IsCoreClr)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencies;
        }
    }

    /// <summary>
    /// Stops the import on PowerShell 7.0-7.3 with a message naming the minimum, instead of the assembly-load error
    /// the net8.0 load context would raise on their older runtimes. <paramref name="powerShellVersion"/> is
    /// System.Management.Automation's assembly version, whose major and minor are PowerShell's.
    /// </summary>
    internal static void RequireSupportedPowerShell(Version? powerShellVersion)
    {
        if (powerShellVersion is not null && new Version(powerShellVersion.Major, powerShellVersion.Minor) < MinimumCorePowerShell)
        {
            throw new PlatformNotSupportedException(
                $"RedisPrivateLink needs PowerShell {MinimumCorePowerShell} or later (or Windows PowerShell 5.1); this is PowerShell {powerShellVersion.Major}.{powerShellVersion.Minor}. Install PowerShell 7.4 LTS or later and import the module there.");
        }
    }

    private static bool IsCoreClr => Type.GetType("System.Runtime.Loader.AssemblyLoadContext") is not null;

    private static void InstallPrivateLoadContext()
    {
        var assembly = Assembly.LoadFrom(Path.Combine(ModuleDirectory, LoadContextAssemblyName + ".dll"));
        var install = assembly.GetType(LoadContextAssemblyName + ".ModuleLoadContext", throwOnError: true)!
            .GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!;
        install.Invoke(null, new object[] { DependencyDirectory, EntryAssemblies });
    }

    private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
    {
        var path = Path.Combine(DependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
