using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.State;

/// <summary>The current fault; not thread-safe on its own (guarded by <see cref="SimulatorState"/>'s lock).</summary>
internal sealed class FaultState
{
    private FaultSettings _settings = FaultSettings.None;

    public FaultSettings Settings => _settings;

    public void Set(FaultSettings settings) =>
        _settings = settings.Mode == FaultMode.None ? FaultSettings.None : settings;

    /// <summary>The fault for one request, counting it against <see cref="FaultSettings.Count"/>.</summary>
    public (FaultMode Mode, TimeSpan Delay) Take(Mti mti)
    {
        var settings = _settings;
        if (settings.Mode == FaultMode.None || !Applies(settings, mti))
        {
            return (FaultMode.None, TimeSpan.Zero);
        }

        if (settings.Count is { } remaining)
        {
            _settings = remaining <= 1 ? FaultSettings.None : settings with { Count = remaining - 1 };
        }

        return (settings.Mode, TimeSpan.FromMilliseconds(settings.DelayMs));
    }

    private static bool Applies(FaultSettings settings, Mti mti)
    {
        if (settings.Mtis is not { Count: > 0 } mtis)
        {
            return true;
        }

        string text = mti.ToString();
        return mtis.Contains(text, StringComparer.Ordinal);
    }
}
