using System.Globalization;

namespace RedisPrivateLink.Emulator.Hosting;

/// <summary>Turns the emulator's command line into options; unknown or malformed arguments are errors, not guesses.</summary>
internal static class CommandLine
{
    public const string Usage =
        "usage: RedisPrivateLink.Emulator --port <n> --connection-file <path> [--time-scale <x>] [--state-file <path>] " +
        "[--subscription-id <guid>] [--additional-subscription <guid>]... [--tenant-id <guid>] [--parent-pid <pid>] [--page-size <n>] [--no-throttling] " +
        "[--reads <burst>:<per-second>] [--writes <burst>:<per-second>] [--deletes <burst>:<per-second>] " +
        "[--refuse-classic-create] [--name-release-delay <seconds>] [--unregistered-provider <namespace>]... " +
        "[--provider-registration-duration <seconds>] [--token-lifetime <seconds>] [--strict-authentication] " +
        "[--resource-graph-quota <queries>:<seconds>] [--resource-graph-page-size <n>]";

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--no-throttling")
            {
                options.Throttling.Enabled = false;
                continue;
            }

            if (name == "--refuse-classic-create")
            {
                options.RefuseClassicCreate = true;
                continue;
            }

            if (name == "--strict-authentication")
            {
                options.StrictAuthentication = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"'{name}' needs a value. {Usage}");
            }

            var value = args[++i];
            switch (name)
            {
                case "--port": options.Port = ParseInt(name, value); break;
                case "--connection-file": options.ConnectionFile = value; break;
                case "--time-scale": options.TimeScale = ParseTimeScale(value); break;
                case "--state-file": options.StateFile = value; break;
                case "--subscription-id": options.SubscriptionId = ParseGuid(name, value); break;
                case "--additional-subscription": options.AdditionalSubscriptions.Add(ParseGuid(name, value)); break;
                case "--tenant-id": options.TenantId = ParseGuid(name, value); break;
                case "--parent-pid": options.ParentProcessId = ParseInt(name, value); break;
                case "--page-size": options.PageSize = ParseInt(name, value); break;
                case "--reads": options.Throttling.Reads = ParseBucket(name, value); break;
                case "--writes": options.Throttling.Writes = ParseBucket(name, value); break;
                case "--deletes": options.Throttling.Deletes = ParseBucket(name, value); break;
                case "--name-release-delay": options.NameReleaseDelay = ParseSeconds(name, value); break;
                case "--unregistered-provider": options.UnregisteredProviders.Add(ParseNamespace(name, value)); break;
                case "--provider-registration-duration": options.ProviderRegistrationDuration = ParseSeconds(name, value); break;
                case "--token-lifetime": options.TokenLifetime = ParsePositiveSeconds(name, value); break;
                case "--resource-graph-quota": (options.ResourceGraph.QueriesPerWindow, options.ResourceGraph.QuotaWindow) = ParseQuota(name, value); break;
                case "--resource-graph-page-size": options.ResourceGraph.MaxPageSize = ParsePositive(name, value); break;
                default: throw new ArgumentException($"Unknown argument '{name}'. {Usage}");
            }
        }

        return options;
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new ArgumentException($"'{name}' expects a non-negative integer, got '{value}'.");

    private static int ParsePositive(string name, string value) =>
        ParseInt(name, value) is > 0 and var result ? result : throw new ArgumentException($"'{name}' expects a positive integer, got '{value}'.");

    private static (int Queries, TimeSpan Window) ParseQuota(string name, string value)
    {
        var parts = value.Split(':');
        return parts.Length == 2 ? (ParsePositive(name, parts[0]), ParsePositiveSeconds(name, parts[1]))
            : throw new ArgumentException($"'{name}' expects <queries>:<seconds>, got '{value}'.");
    }

    private static double ParseTimeScale(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && result >= 0
            ? result
            : throw new ArgumentException($"'--time-scale' expects a non-negative number, got '{value}'.");

    private static TimeSpan ParseSeconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"'{name}' expects a non-negative number of seconds, got '{value}'.");

    private static TimeSpan ParsePositiveSeconds(string name, string value) =>
        ParseSeconds(name, value) is { } seconds && seconds > TimeSpan.Zero
            ? seconds
            : throw new ArgumentException($"'{name}' expects a positive number of seconds, got '{value}'.");

    private static string ParseNamespace(string name, string value) =>
        Providers.ProviderRegistrations.Namespaces.FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{name}' expects one of {string.Join(", ", Providers.ProviderRegistrations.Namespaces)}, got '{value}'.");

    private static string ParseGuid(string name, string value) =>
        Guid.TryParse(value, out var result)
            ? result.ToString("D")
            : throw new ArgumentException($"'{name}' expects a GUID, got '{value}'.");

    private static BucketOptions ParseBucket(string name, string value)
    {
        var parts = value.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var burst)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            && rate >= 0)
        {
            return new BucketOptions(burst, rate);
        }

        throw new ArgumentException($"'{name}' expects <burst>:<per-second>, got '{value}'.");
    }
}
