using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Architecture;

/// <summary>
/// The engine's folders form a stack: each folder's code names only folders below it (by a using line or a qualified
/// name), so the arrows between folders point one way and no two folders depend on each other.
/// </summary>
public sealed class EngineLayeringTests
{
    /// <summary>Bottom first. The root namespace (RedisPrivateLinkException) sits beneath them all.</summary>
    private static readonly string[] Stack =
    [
        "Diagnostics",
        "Arm",
        "Plans",
        "Validation",
        "Context",
        "Caches",
        "Connectivity",
        "Completion",
        "Workflows",
    ];

    private static readonly Regex QualifiedReference = new(
        $@"RedisPrivateLink\.Engine\.(?<folder>\w+)|(?<![\w.])(?<folder>{string.Join("|", Stack)})\.[A-Z]",
        RegexOptions.Compiled);

    [Fact]
    public void EveryFolderHasItsPlaceInTheStack()
    {
        var folders = Directory.GetDirectories(EngineSourceDirectory())
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Order();

        Assert.Equal(Stack.Order(), folders);
    }

    [Fact]
    public void EachFolderNamesOnlyFoldersBelowIt()
    {
        var root = EngineSourceDirectory();
        var upwardArrows = new List<string>();
        foreach (var file in SourceFiles(root))
        {
            var folder = FolderOf(root, file);
            var level = folder is null ? -1 : Array.IndexOf(Stack, folder);
            foreach (var (line, number) in File.ReadLines(file).Select((line, index) => (line, index + 1)))
            {
                foreach (Match match in QualifiedReference.Matches(line))
                {
                    var named = match.Groups["folder"].Value;
                    var namedLevel = Array.IndexOf(Stack, named);
                    if (named != folder && namedLevel >= level)
                    {
                        upwardArrows.Add($"{Path.GetRelativePath(root, file)}:{number} ({folder ?? "root"} -> {named}): {line.Trim()}");
                    }
                }
            }
        }

        Assert.True(upwardArrows.Count == 0,
            "These lines name a folder at or above their own in the engine's stack (" + string.Join(" < ", Stack) + "); move the type they need down, or the code up:" +
            Environment.NewLine + string.Join(Environment.NewLine, upwardArrows));
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => FolderOf(root, file) is not ("bin" or "obj"));

    /// <summary>The file's top folder under the engine's source; null for the root namespace's files.</summary>
    private static string? FolderOf(string root, string file)
    {
        var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
        return parts.Length == 1 ? null : parts[0];
    }

    private static string EngineSourceDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "RedisPrivateLink.Engine");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No src/RedisPrivateLink.Engine was found above {AppContext.BaseDirectory}.");
    }
}
