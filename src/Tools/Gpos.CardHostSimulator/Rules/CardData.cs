using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.Rules;

/// <summary>
/// Reads the PAN from DE2, or from the PAN part of DE35 (track 2, up to '=' or 'D'), as wire bytes, so the full PAN
/// is never materialized as a string (PCI DSS 4.0.1 Req. 3.4.1; iso8583.md §8).
/// </summary>
internal static class CardData
{
    private const int MaxPanLength = 19;

    /// <summary>The PAN's ASCII digits as a view into the message (empty when the request carries no card).</summary>
    /// <param name="message">The request (Iso87Ascii).</param>
    /// <returns>The PAN bytes.</returns>
    public static ReadOnlySpan<byte> PanBytes(Iso8583Message message)
    {
        if (message.TryGetRawValue(Field.Pan2, out var pan))
        {
            return pan;
        }

        if (message.TryGetRawValue(Field.Track2_35, out var track2))
        {
            int separator = track2.IndexOfAny((byte)'=', (byte)'D');
            return separator < 0 ? track2 : track2[..separator];
        }

        return default;
    }

    /// <summary>BIN (first 6) + last 4, e.g. <c>411111******1111</c>; null when the request carries no card.</summary>
    /// <param name="message">The request.</param>
    /// <returns>The masked PAN.</returns>
    public static string? MaskedPan(Iso8583Message message)
    {
        var pan = PanBytes(message);
        if (pan.IsEmpty)
        {
            return null;
        }

        // An over-long "PAN" (a track 2 without a separator) is masked to the same shape as a 19-digit one.
        int length = Math.Min(pan.Length, MaxPanLength);
        Span<char> chars = stackalloc char[MaxPanLength];
        var digits = chars[..length];
        for (int i = 0; i < length; i++)
        {
            digits[i] = (char)pan[i];
        }

        if (pan.Length > MaxPanLength)
        {
            digits[^4..].Fill('*');
        }

        SafeMessageFormatter.MaskPan(digits);
        var masked = new string(digits);
        chars.Clear();
        return masked;
    }
}
