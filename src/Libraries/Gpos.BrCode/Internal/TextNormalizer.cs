using System.Text;

namespace Gpos.BrCode.Internal;

/// <summary>
/// Folds text to printable ASCII for the EMV "ans" fields: diacritics removed (Latin-1 and Latin Extended-A
/// mapped by table, so no ICU or normalisation data is needed under InvariantGlobalization), anything else
/// outside 0x20-0x7E dropped, optionally upper-cased, trimmed and cut. Same practice as thalesog/pix-utils
/// normalizeName/normalizeCity (NFD, strip marks, upper-case, cut to 25/15); pix-api.md §5.4.
/// </summary>
internal static class TextNormalizer
{
    private const int TableStart = 0xA0;

    // Generated from Unicode NFKD decompositions (combining marks dropped) for U+00A0..U+017F.
    private static readonly string[] Folding =
    [
        " ", "", "", "", "", "", "", "", "", "", "a", "", "", "", "", "", // U+00A0
        "", "", "", "", "", "", "", "", "", "", "o", "", "", "", "", "", // U+00B0
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I", // U+00C0
        "D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "TH", "ss", // U+00D0
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // U+00E0
        "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y", // U+00F0
        "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d", // U+0100
        "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g", // U+0110
        "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i", // U+0120
        "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L", // U+0130
        "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o", // U+0140
        "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s", // U+0150
        "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u", // U+0160
        "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s", // U+0170
    ];

    public static string Fold(string text, bool upperCase, int maxLength, out BrCodeNormalizationKind changes)
    {
        changes = BrCodeNormalizationKind.None;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else if (c >= TableStart && c - TableStart < Folding.Length && Folding[c - TableStart].Length > 0)
            {
                builder.Append(Folding[c - TableStart]);
                changes |= BrCodeNormalizationKind.DiacriticsRemoved;
            }
            else
            {
                changes |= BrCodeNormalizationKind.CharactersRemoved;
            }
        }

        var result = builder.ToString();
        if (upperCase)
        {
            var upper = result.ToUpperInvariant();
            if (!string.Equals(upper, result, StringComparison.Ordinal))
            {
                changes |= BrCodeNormalizationKind.UpperCased;
                result = upper;
            }
        }

        var trimmed = result.Trim();
        if (trimmed.Length != result.Length)
        {
            changes |= BrCodeNormalizationKind.Trimmed;
        }

        if (trimmed.Length > maxLength)
        {
            trimmed = trimmed[..maxLength].TrimEnd();
            changes |= BrCodeNormalizationKind.Truncated;
        }

        return trimmed;
    }
}
