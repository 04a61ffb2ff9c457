using System.Text.RegularExpressions;

namespace Gpos.BuildingBlocks.Logging;

/// <summary>
/// Pure functions that keep card data out of logs (PCI DSS 3.3/3.4; conventions.md habit 11): a PAN is shown as
/// BIN (first 6) + last 4, and track data, PIN blocks, CVV and raw EMV data are dropped entirely.
/// </summary>
public static partial class CardDataMasker
{
    public const string Redacted = "[REDACTED]";

    private static readonly HashSet<string> PanNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "pan", "cardnumber", "primaryaccountnumber", "de2", "field2", "pan2",
    };

    private static readonly HashSet<string> DropNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "track", "track1", "track2", "track2data", "trackdata", "de35", "de45", "field35", "field45",
        "pin", "pinblock", "de52", "field52", "cvv", "cvv2", "cvc", "cvc2", "securitycode",
        "emv", "emvdata", "icc", "iccdata", "de55", "field55",
    };

    /// <summary>How a property with this name must be treated.</summary>
    public static SensitiveKind Classify(string propertyName)
    {
        var name = propertyName.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (DropNames.Contains(name))
        {
            return SensitiveKind.Drop;
        }

        return PanNames.Contains(name) ? SensitiveKind.Pan : SensitiveKind.None;
    }

    /// <summary>A PAN as BIN + last 4 (<c>411111******1111</c>); anything too short to be a PAN is fully hidden.</summary>
    public static string MaskPan(ReadOnlySpan<char> pan)
    {
        if (pan.Length < 13 || pan.Length > 19)
        {
            return Redacted;
        }

        return string.Create(pan.Length, pan.ToString(), static (span, p) =>
        {
            span.Fill('*');
            p.AsSpan(0, 6).CopyTo(span);
            p.AsSpan(p.Length - 4).CopyTo(span[^4..]);
        });
    }

    /// <summary>
    /// Masks anything in free text that looks like card data: track-2 equivalents (<c>PAN=YYMM…</c>) are dropped and
    /// Luhn-valid 13–19 digit runs are shown as BIN + last 4.
    /// </summary>
    public static string MaskText(string text)
    {
        if (text.Length < 13 || !ContainsDigitRun(text))
        {
            return text;
        }

        var withoutTracks = TrackPattern().Replace(text, Redacted);
        return PanPattern().Replace(withoutTracks, static m => IsLuhnValid(m.ValueSpan) ? MaskPan(m.ValueSpan) : m.Value);
    }

    /// <summary>The Luhn (mod 10) check used by card numbers.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    private static bool ContainsDigitRun(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run >= 13)
            {
                return true;
            }
        }

        return false;
    }

    // Track 2: PAN, separator '=' or 'D', then expiry/service code/discretionary data.
    [GeneratedRegex(@";?\d{13,19}[=D]\d{4,}[0-9A-F]*\??", RegexOptions.CultureInvariant)]
    private static partial Regex TrackPattern();

    [GeneratedRegex(@"(?<!\d)\d{13,19}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PanPattern();
}
