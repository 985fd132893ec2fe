using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace RedisPrivateLink.Tests.Shared;

/// <summary>
/// Reads the fields the tests need from a vcrpy cassette (azure-cli recordings in shared/recordings): request method,
/// uri and body, response status code, headers and <c>body: {string: ...}</c>. Only the YAML the cassettes use is
/// supported: block mappings, single-line plain scalars and (multi-line) single- or double-quoted flow scalars. Linked
/// into the engine's and the emulator's test projects, which each map an interaction to their own record.
/// </summary>
internal static class YamlCassette
{
    private static readonly Regex Key = new(@"^(?<indent> *)(?:- )?(?<key>[A-Za-z0-9_-]+):(?: (?<value>.*))?$");

    /// <summary>One request and its answer, as the cassette spells them (bodies as written, "null" included).</summary>
    public sealed record Interaction(string Method, string Uri, string? RequestBody, int Status, IReadOnlyDictionary<string, string> Headers, string? ResponseBody);

    public static List<Interaction> Read(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var interactions = new List<Interaction>();
        string? method = null, uri = null, requestBody = null, responseBody = null, lastHeader = null;
        var status = 0;
        var section = string.Empty;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        void Flush()
        {
            if (method is not null && uri is not null)
            {
                interactions.Add(new Interaction(method, uri, requestBody, status, headers, responseBody));
            }

            method = uri = requestBody = responseBody = lastHeader = null;
            status = 0;
            headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("- request:", StringComparison.Ordinal))
            {
                Flush();
                section = "request";
                continue;
            }

            if (line.StartsWith("  response:", StringComparison.Ordinal))
            {
                section = "response";
                continue;
            }

            if (section == "response-headers" && lastHeader is not null && line.StartsWith("      - ", StringComparison.Ordinal))
            {
                headers[lastHeader] = ReadScalar(lines, ref i, line.Substring("      - ".Length));
                continue;
            }

            var match = Key.Match(line);
            if (!match.Success)
            {
                continue;
            }

            var indent = match.Groups["indent"].Length;
            var key = match.Groups["key"].Value;
            var value = match.Groups["value"].Success ? match.Groups["value"].Value : string.Empty;
            switch (section)
            {
                case "request" when indent == 4 && key == "method":
                    method = value.Trim();
                    break;
                case "request" when indent == 4 && key == "uri":
                    uri = ReadScalar(lines, ref i, value);
                    break;
                case "request" when indent == 4 && key == "body":
                    requestBody = ReadScalar(lines, ref i, value);
                    break;
                case "response" or "response-headers" when indent == 4 && key == "headers":
                    section = "response-headers";
                    break;
                case "response" or "response-headers" when indent == 4:
                    section = "response";
                    break;
                case "response" when indent == 6 && key == "string":
                    responseBody = ReadScalar(lines, ref i, value);
                    break;
                case "response" when indent == 6 && key == "code":
                    status = int.Parse(value.Trim());
                    break;
                case "response-headers" when indent == 6:
                    lastHeader = key;
                    break;
            }
        }

        Flush();
        return interactions;
    }

    /// <summary>Reads a scalar that starts on line <paramref name="index"/>, advancing past its continuation lines.</summary>
    private static string ReadScalar(string[] lines, ref int index, string start)
    {
        start = start.TrimStart();
        if (start.Length == 0 || (start[0] != '"' && start[0] != '\''))
        {
            return start.TrimEnd();
        }

        var quote = start[0];
        var output = new StringBuilder();
        var current = start.Substring(1);
        while (true)
        {
            for (var i = 0; i < current.Length; i++)
            {
                var c = current[i];
                if (quote == '\'' && c == '\'')
                {
                    if (i + 1 < current.Length && current[i + 1] == '\'')
                    {
                        output.Append('\'');
                        i++;
                        continue;
                    }

                    return output.ToString();
                }

                if (quote == '"' && c == '"')
                {
                    return output.ToString();
                }

                if (quote == '"' && c == '\\')
                {
                    if (i + 1 == current.Length)
                    {
                        // An escaped line break joins the lines without a space.
                        current = NextLine(lines, ref index).TrimStart();
                        i = -1;
                        continue;
                    }

                    output.Append(Unescape(current[++i]));
                    continue;
                }

                output.Append(c);
            }

            // A plain line break folds into one space; each empty line in between is a newline.
            TrimTrailingBlanks(output);
            var next = NextLine(lines, ref index);
            var emptyLines = 0;
            while (next.Trim().Length == 0)
            {
                emptyLines++;
                next = NextLine(lines, ref index);
            }

            output.Append(emptyLines == 0 ? " " : new string('\n', emptyLines));
            current = next.TrimStart();
        }
    }

    private static string NextLine(string[] lines, ref int index)
    {
        if (++index >= lines.Length)
        {
            throw new FormatException("A quoted YAML scalar is not closed.");
        }

        return lines[index];
    }

    private static void TrimTrailingBlanks(StringBuilder output)
    {
        while (output.Length > 0 && (output[output.Length - 1] == ' ' || output[output.Length - 1] == '\t'))
        {
            output.Length--;
        }
    }

    private static string Unescape(char c) => c switch
    {
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        '0' => "\0",
        ' ' => " ",
        '/' => "/",
        '"' => "\"",
        '\\' => "\\",
        _ => throw new FormatException($"Unsupported YAML escape '\\{c}'."),
    };
}
