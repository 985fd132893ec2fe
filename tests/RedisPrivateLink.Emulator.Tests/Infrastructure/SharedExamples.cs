using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Tests.Infrastructure;

/// <summary>
/// The official ARM examples in shared/arm-examples, found by walking up from the test assembly (the repo is a sibling
/// of shared/ both here and in CI). Missing examples fail the test: the shapes are the point.
/// </summary>
internal static class SharedExamples
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static JsonObject Load(string relativePath) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Root.Value, relativePath)))!;

    /// <summary>The body of one response of an example, e.g. Response("Microsoft.Cache/RedisCacheGet.json", "200").</summary>
    public static JsonObject Response(string relativePath, string status) =>
        (JsonObject)Load(relativePath)["responses"]![status]!["body"]!;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "arm-examples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No shared/arm-examples above {AppContext.BaseDirectory}: the shape tests need the shared folder beside the repository.");
    }
}
