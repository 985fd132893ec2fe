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

    private static readonly string ModuleDirectory =
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, DependencyFolderName);

    public void OnImport()
    {
        if (IsCoreClr)
        {
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
