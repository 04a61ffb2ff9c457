using System.Globalization;
using System.Text.RegularExpressions;

namespace Gpos.TerminalClient.Payments;

/// <summary>Amounts typed at the terminal ("12.34" reais) to and from minor units (centavos), the only form sent for cards.</summary>
public static partial class Money
{
    /// <summary>Parses <c>12</c>, <c>12.3</c> or <c>12.34</c> (a dot, at most two decimals) into centavos.</summary>
    /// <returns>False for anything else, zero, or more than DE4's 12 digits.</returns>
    public static bool TryParseReais(string? text, out long centavos)
    {
        centavos = 0;
        var match = text is null ? Match.Empty : Reais().Match(text);
        if (!match.Success || match.Groups[1].Length > 10)
        {
            return false;
        }

        var cents = match.Groups[2].Value.PadRight(2, '0');
        centavos = (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 100)
            + (cents.Length == 0 ? 0 : int.Parse(cents, CultureInfo.InvariantCulture));
        return centavos > 0;
    }

    /// <summary>Centavos as API Pix writes amounts (<c>"12.34"</c>).</summary>
    public static string Format(long centavos) =>
        string.Create(CultureInfo.InvariantCulture, $"{centavos / 100}.{centavos % 100:D2}");

    [GeneratedRegex(@"^([0-9]+)(?:\.([0-9]{1,2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Reais();
}
