using System.Globalization;

namespace Gpos.PspSimulator.Pix;

/// <summary>
/// Amounts are held as long centavos; the API Pix string form (<c>\d{1,10}\.\d{2}</c>, [SPEC] <c>CobValor</c>) exists
/// only at the edge.
/// </summary>
internal static class Money
{
    public static bool TryParse(string? text, out long centavos)
    {
        centavos = 0;
        if (text is null || !PixPatterns.Valor().IsMatch(text))
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        centavos = (long.Parse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture) * 100)
            + long.Parse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    public static string Format(long centavos) =>
        string.Create(CultureInfo.InvariantCulture, $"{centavos / 100}.{centavos % 100:D2}");
}
