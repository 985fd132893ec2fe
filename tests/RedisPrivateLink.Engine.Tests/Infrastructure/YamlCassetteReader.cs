using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Engine.Tests.Infrastructure;

/// <summary>A vcrpy cassette (azure-cli recordings) as the engine tests' recorded calls; <see cref="YamlCassette"/> reads it.</summary>
internal static class YamlCassetteReader
{
    public static IEnumerable<RecordedCall> Read(string source, string text) =>
        YamlCassette.Read(text).Select((call, index) =>
            new RecordedCall($"{source}[{index}]", call.Method, call.Uri, call.Status, call.ResponseBody, call.Headers));
}
