using System;

namespace RedisPrivateLink.Engine;

/// <summary>
/// The pace of the Azure the module talks to: Azure's own, or an emulator's, which runs Azure's operations faster by
/// its time scale. Every duration the module takes from Azure's pace — poll intervals and retry back-off, how long Azure
/// holds a deleted cache's name, how long a migration takes — passes through this clock, so no other code knows the
/// emulator's scale, and one number speeds them all up in tests.
/// </summary>
public sealed class AzureClock
{
    /// <exception cref="ArgumentOutOfRangeException">The time scale is not greater than 0 and at most 1.</exception>
    public AzureClock(double timeScale)
    {
        if (!(timeScale > 0 && timeScale <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "The time scale must be greater than 0 and at most 1.");
        }

        TimeScale = timeScale;
    }

    /// <summary>Azure's own pace.</summary>
    public static AzureClock Azure { get; } = new(1);

    /// <summary>How fast the endpoint runs Azure's operations relative to Azure: 1 on Azure, the emulator's time scale otherwise.</summary>
    public double TimeScale { get; }

    /// <summary>How long <paramref name="azureDuration"/>, a duration at Azure's pace, lasts at this clock's.</summary>
    public TimeSpan Scale(TimeSpan azureDuration) => TimeSpan.FromTicks((long)Math.Round(azureDuration.Ticks * TimeScale));

    /// <summary>How a context's Format-List shows it: the pace, not the type name.</summary>
    public override string ToString() =>
        TimeScale == 1 ? "Azure's pace" : string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} of Azure's pace", TimeScale);
}
