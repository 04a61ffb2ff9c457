using System.Globalization;

namespace Gpos.CardHostSimulator.Rules;

/// <summary>
/// DE48 (additional data, private) as this host defines it: sub-elements of a 2-character tag, a 2-digit length and the
/// value. Tag <c>IN</c> carries the number of installments (n2, 01-99).
/// </summary>
internal static class PrivateData
{
    /// <summary>Reads the installments from DE48.</summary>
    /// <param name="de48">DE48, or null.</param>
    /// <param name="installments">The number of installments; null when DE48 has no <c>IN</c> sub-element.</param>
    /// <returns>False when DE48 is present but not well-formed sub-elements, or <c>IN</c> is not 01-99.</returns>
    public static bool TryReadInstallments(string? de48, out int? installments)
    {
        installments = null;
        var rest = de48.AsSpan();
        while (!rest.IsEmpty)
        {
            if (rest.Length < 4 || !int.TryParse(rest[2..4], NumberStyles.None, CultureInfo.InvariantCulture, out int length)
                || rest.Length < 4 + length)
            {
                return false;
            }

            var value = rest.Slice(4, length);
            if (rest[..2] is "IN")
            {
                if (length != 2 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
                {
                    return false;
                }

                installments = count;
            }

            rest = rest[(4 + length)..];
        }

        return true;
    }
}
