using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace RedisPrivateLink.LoadContext;

/// <summary>
/// The private load context of the module on PowerShell 7. The engine and everything it depends on that PowerShell
/// itself does not ship (Azure.Core, Azure.Identity, MSAL, ...) load here, so another version of them already in the
/// session — Az.Accounts brings its own — neither breaks this module nor is broken by it. So does any assembly the
/// runtime ships in a version older than the one the engine was built against (System.Text.Json 8.0 on .NET 8, where
/// the engine needs 10.0), which is what lets one build run on PowerShell 7.4 (.NET 8), 7.5 (.NET 9) and 7.6 (.NET 10).
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    private static readonly object InstallLock = new();
    private static ModuleLoadContext? _installed;

    private readonly string _dependencyDirectory;
    private readonly Dictionary<string, string> _platformAssemblyPaths;
    private readonly ConcurrentDictionary<string, Version?> _platformVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Version?> _carriedVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _entryAssemblies;

    private ModuleLoadContext(string dependencyDirectory, IEnumerable<string> entryAssemblies)
        : base("RedisPrivateLink", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _platformAssemblyPaths = ReadPlatformAssemblyPaths();
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
            if (_installed is not null)
            {
                return;
            }

            _installed = new ModuleLoadContext(Path.GetFullPath(dependencyDirectory), entryAssemblies);
            Default.Resolving += _installed.ResolveEntryAssembly;
        }
    }

    /// <summary>
    /// Whether a request for <paramref name="requested"/> goes to the runtime's copy: only when the runtime ships one
    /// at least as new as both the version requested and the copy the module carries (<paramref name="carried"/>). An
    /// older one would fail the load ("Could not load file or assembly ... Version=10.0.0.0"); and the choice is made
    /// per assembly, not per request, so that every requester gets the same copy: on .NET 8, MSAL asking for
    /// System.Text.Json 8 must get the module's 10, which the module's System.Text.Encodings.Web 10 goes with, or its
    /// serializer fails ("Method not found: JsonEncodedText.Encode(String, JavaScriptEncoder)").
    /// </summary>
    public static bool PlatformServes(Version? platformVersion, Version? requested, Version? carried) =>
        platformVersion is not null && (requested is null || platformVersion >= requested) && (carried is null || platformVersion >= carried);

    private Assembly? ResolveEntryAssembly(AssemblyLoadContext requester, AssemblyName name) =>
        name.Name is not null && _entryAssemblies.Contains(name.Name) ? LoadFromDependencies(name) : null;

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null)
        {
            return null;
        }

        // Assemblies of the runtime and of PowerShell itself are shared when they are new enough, or types such as
        // Span<T> would exist twice; what PowerShell does not ship, or ships too old, is kept private.
        if (PlatformServes(PlatformVersionOf(name.Name), name.Version, CarriedVersionOf(name.Name)))
        {
            return null;
        }

        return LoadFromDependencies(name);
    }

    private Version? PlatformVersionOf(string simpleName) =>
        _platformAssemblyPaths.TryGetValue(simpleName, out var path)
            ? _platformVersions.GetOrAdd(simpleName, _ => AssemblyName.GetAssemblyName(path).Version)
            : null;

    private Version? CarriedVersionOf(string simpleName) =>
        _carriedVersions.GetOrAdd(simpleName, name =>
        {
            var path = Path.Combine(_dependencyDirectory, name + ".dll");
            return File.Exists(path) ? AssemblyName.GetAssemblyName(path).Version : null;
        });

    private Assembly? LoadFromDependencies(AssemblyName name)
    {
        var path = Path.Combine(_dependencyDirectory, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static Dictionary<string, string> ReadPlatformAssemblyPaths()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator))
            {
                paths[Path.GetFileNameWithoutExtension(path)] = path;
            }
        }

        return paths;
    }
}
