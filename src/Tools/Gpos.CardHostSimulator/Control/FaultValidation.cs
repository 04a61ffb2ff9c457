namespace Gpos.CardHostSimulator.Control;

/// <summary>Checks <see cref="FaultSettings"/> from the control API or the hosting API.</summary>
internal static class FaultValidation
{
    public static Dictionary<string, string[]> Validate(FaultSettings settings)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.IsDefined(settings.Mode))
        {
            errors["mode"] = ["mode must be none, silent, drop, delay or garbage."];
        }

        if (settings.DelayMs < 0 || (settings.Mode == FaultMode.Delay && settings.DelayMs == 0))
        {
            errors["delayMs"] = ["delayMs must be positive for the delay mode and never negative."];
        }

        if (settings.Count is < 1)
        {
            errors["count"] = ["count must be at least 1, or absent for 'until changed'."];
        }

        if (settings.Mtis?.Any(m => m is null || m.Length != 4 || m.Any(c => !char.IsAsciiDigit(c))) == true)
        {
            errors["mtis"] = ["mtis must be four-digit MTIs such as \"0200\"."];
        }

        return errors;
    }
}
