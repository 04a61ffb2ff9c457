using System.Globalization;

namespace Gpos.Pix.Shared;

/// <summary>API Pix amounts: <c>^\d{1,10}\.\d{2}$</c> strings on the wire, <c>long</c> centavos inside.</summary>
internal static class PixMoney
{
    public static bool TryParse(string? text, out long centavos)
    {
        centavos = 0;
        if (text is null || text.Length is < 4 or > 13 || text[^3] != '.')
        {
            return false;
        }

        long value = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (i == text.Length - 3)
            {
                continue;
            }

            var c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        centavos = value;
        return true;
    }

    public static string Format(long centavos) =>
        (centavos / 100).ToString(CultureInfo.InvariantCulture) + "." + (centavos % 100).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 in UTC with milliseconds, as the API Pix examples write timestamps.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
