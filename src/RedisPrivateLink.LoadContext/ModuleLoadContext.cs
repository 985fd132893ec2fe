using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace RedisPrivateLink.LoadContext;

/// <summary>
/// The private load context of the module on PowerShell 7. The engine and everything it depends on that PowerShell
/// itself does not ship (Azure.Core, Azure.Identity, MSAL, ...) load here, so another version of them already in the
/// session — Az.Accounts brings its own — neither breaks this module nor is broken by it.
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    private static readonly object InstallLock = new();
    private static ModuleLoadContext? installed;

    private readonly string _dependencyDirectory;
    private readonly HashSet<string> _platformAssemblies;
    private readonly HashSet<string> _entryAssemblies;

    private ModuleLoadContext(string dependencyDirectory, IEnumerable<string> entryAssemblies)
        : base("RedisPrivateLink", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _platformAssemblies = ReadPlatformAssemblyNames();
        _entryAssemblies = new HashSet<string>(entryAssemblies, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Makes the default context hand the engine's assemblies to the private context. Called by reflection from the
    /// netstandard2.0 cmdlet assembly, which cannot name AssemblyLoadContext. Safe to call more than once.
    /// </summary>
    /// <param name="dependencyDirectory">The module's folder of private dependencies.</param>
    /// <param name="entryAssemblies">Simple names the cmdlet assembly references directly (the engine).</param>
    public static void Install(string dependencyDirectory, string[] entryAssemblies)
    {
        lock (InstallLock)
        {
            if (installed is not null)
            {
                return;
            }

            installed = new ModuleLoadContext(Path.GetFullPath(dependencyDirectory), entryAssemblies);
            Default.Resolving += installed.ResolveEntryAssembly;
        }
    }

    /// <summary>The name of the context an assembly was loaded into; tests use it to prove isolation.</summary>
    public static string? ContextNameOf(Assembly assembly) => GetLoadContext(assembly)?.Name;

    private Assembly? ResolveEntryAssembly(AssemblyLoadContext requester, AssemblyName name) =>
        name.Name is not null && _entryAssemblies.Contains(name.Name) ? LoadFromDependencies(name) : null;

    protected override Assembly? Load(AssemblyName name)
    {
        // Assemblies of the runtime and of PowerShell itself must be shared, or types such as Span<T> would exist
        // twice; only what PowerShell does not ship is kept private.
        if (name.Name is null || _platformAssemblies.Contains(name.Name))
        {
            return null;
        }

        return LoadFromDependencies(name);
    }

    private Assembly? LoadFromDependencies(AssemblyName name)
    {
        var path = Path.Combine(_dependencyDirectory, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static HashSet<string> ReadPlatformAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string paths)
        {
            foreach (var path in paths.Split(Path.PathSeparator))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
