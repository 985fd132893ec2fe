using System;
using System.Globalization;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>The sku object of a Microsoft.Cache/redis resource: name Basic/Standard/Premium, family C or P, capacity.</summary>
public sealed class CacheSku : IEquatable<CacheSku>
{
    public const string Basic = nameof(Basic);
    public const string Standard = nameof(Standard);
    public const string Premium = nameof(Premium);

    internal CacheSku(string name, char family, int capacity)
    {
        Name = name;
        Family = family.ToString();
        Capacity = capacity;
    }

    public string Name { get; }

    /// <summary>"C" for Basic and Standard, "P" for Premium.</summary>
    public string Family { get; }

    public int Capacity { get; }

    public bool IsPremium => Name == Premium;

    /// <summary>The size as Azure names it: C0-C6 or P1-P5.</summary>
    public string Size => Family + Capacity.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => Name + " " + Size;

    public bool Equals(CacheSku? other) =>
        other is not null && Name == other.Name && Family == other.Family && Capacity == other.Capacity;

    public override bool Equals(object? obj) => Equals(obj as CacheSku);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
