using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Runtime;

/// <summary>Turns a PowerShell hashtable (-Tag, -RedisConfiguration) into the string map ARM takes.</summary>
internal static class Hashtables
{
    /// <summary>
    /// Keys and values become strings the way ARM expects them: numbers in invariant culture, booleans as
    /// "true"/"false". A null value or an empty key is refused with <paramref name="errorId"/>.
    /// </summary>
    public static Dictionary<string, string>? ToStringMap(IDictionary? table, string parameterName, string errorId)
    {
        if (table is null)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in table)
        {
            var key = ToText(entry.Key);
            var value = ToText(entry.Value);
            if (string.IsNullOrEmpty(key) || value is null)
            {
                throw new ValidationException(
                    errorId,
                    parameterName,
                    $"-{parameterName} has an entry with an empty key or a null value ('{key}'). Give every key a value, as in @{{ name = 'value' }}.");
            }

            map[key!] = value;
        }

        return map;
    }

    private static string? ToText(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
