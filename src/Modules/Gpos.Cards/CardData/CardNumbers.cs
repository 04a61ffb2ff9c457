using System.Globalization;
using System.Text.RegularExpressions;

namespace Gpos.Cards.CardData;

/// <summary>Pure checks on card data as a terminal sends it (no I/O, no state).</summary>
internal static partial class CardNumbers
{
    /// <summary>ISO/IEC 7812 check digit (Luhn) over 13–19 digits.</summary>
    public static bool IsValidPan(string? pan)
    {
        if (pan is null || pan.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = pan.Length - 1; i >= 0; i--)
        {
            var digit = pan[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Track 2 equivalent data (ISO/IEC 7813): PAN, separator '=' or 'D', YYMM expiry, service code, discretionary data.</summary>
    public static bool TryParseTrack2(string? track2, out string pan, out string expiry)
    {
        pan = "";
        expiry = "";
        if (track2 is null || track2.Length > 37)
        {
            return false;
        }

        var match = Track2Pattern().Match(track2);
        if (!match.Success)
        {
            return false;
        }

        pan = match.Groups["pan"].Value;
        expiry = match.Groups["expiry"].Value;
        return true;
    }

    /// <summary>YYMM with a month 01–12.</summary>
    public static bool IsExpiryFormat(string? expiry) =>
        expiry is { Length: 4 } && expiry.All(char.IsAsciiDigit) &&
        int.Parse(expiry.AsSpan(2, 2), CultureInfo.InvariantCulture) is >= 1 and <= 12;

    /// <summary>A card is valid through the last day of its expiry month (UTC).</summary>
    public static bool IsExpired(string expiry, DateTimeOffset now)
    {
        var year = 2000 + int.Parse(expiry.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(expiry.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var firstDayAfter = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        return now >= firstDayAfter;
    }

    /// <summary>PCI DSS 4.0.1 Req. 3.4.1 display form: BIN (first 6) and last 4.</summary>
    public static string Mask(string bin, string last4) => string.Concat(bin, "******", last4);

    [GeneratedRegex("^(?<pan>[0-9]{13,19})[=D](?<expiry>[0-9]{4})[0-9]{3}[0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Track2Pattern();
}
