namespace Gpos.BrCode.Internal;

/// <summary>Tag 54 text &lt;-&gt; centavos, without floating point or culture.</summary>
internal static class AmountText
{
    /// <summary>9,999,999,999.99: ten integer digits and two decimals (13 chars, the EMV maximum).</summary>
    public const long MaxCentavos = 999_999_999_999;

    public enum Status
    {
        Ok,
        NotTwoDecimals,
        Invalid,
    }

    /// <summary>
    /// Strict form <c>\d{1,10}\.\d{2}</c>; <see cref="Status.NotTwoDecimals"/> for <c>10</c>, <c>10.</c>,
    /// <c>0.9</c> (accepted only in lenient mode). Zero is <see cref="Status.Invalid"/>.
    /// </summary>
    public static Status Parse(ReadOnlySpan<char> text, out long centavos)
    {
        centavos = 0;
        var dot = text.IndexOf('.');
        var integer = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? default : text[(dot + 1)..];
        if (integer.Length is 0 or > 10 || fraction.Length > 2 || !AllDigits(integer) || !AllDigits(fraction))
        {
            return Status.Invalid;
        }

        long value = 0;
        foreach (var c in integer)
        {
            value = (value * 10) + (c - '0');
        }

        var cents = 0;
        for (var i = 0; i < 2; i++)
        {
            cents = (cents * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        centavos = (value * 100) + cents;
        if (centavos == 0)
        {
            return Status.Invalid;
        }

        return fraction.Length == 2 ? Status.Ok : Status.NotTwoDecimals;
    }

    public static int FormattedLength(long centavos)
    {
        var integer = centavos / 100;
        var digits = 1;
        while (integer >= 10)
        {
            integer /= 10;
            digits++;
        }

        return digits + 3;
    }

    /// <summary>Writes <c>123.45</c>; <paramref name="destination"/> must be <see cref="FormattedLength"/> long.</summary>
    public static void Format(long centavos, Span<char> destination)
    {
        var i = destination.Length - 1;
        destination[i--] = (char)('0' + (centavos % 10));
        destination[i--] = (char)('0' + (centavos / 10 % 10));
        destination[i--] = '.';
        var integer = centavos / 100;
        do
        {
            destination[i--] = (char)('0' + (integer % 10));
            integer /= 10;
        }
        while (i >= 0);
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(CharSets.Digits);
}
