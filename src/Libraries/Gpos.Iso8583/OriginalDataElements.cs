using System.Globalization;

namespace Gpos.Iso8583;

/// <summary>
/// DE90 original data elements (ISO 8583:1987, n42): original MTI (n4), STAN (n6), transmission date-time (n10),
/// acquirer id (n11) and forwarding id (n11). Institution ids are right-justified with leading zeros; missing DE7/DE11
/// are zero-filled (Network International "DE 90 – Original Data Elements").
/// </summary>
/// <param name="OriginalMti">The original request's MTI (e.g. 0200).</param>
/// <param name="OriginalStan">The original DE11.</param>
/// <param name="OriginalTransmissionDateTime">The original DE7 (10 digits), or empty.</param>
/// <param name="AcquirerId">The original DE32, or empty.</param>
/// <param name="ForwardingId">The original DE33, or empty.</param>
public readonly record struct OriginalDataElements(
    Mti OriginalMti,
    int OriginalStan,
    string OriginalTransmissionDateTime,
    string AcquirerId,
    string ForwardingId)
{
    /// <summary>Builds DE90 from the original request (e.g. the 0200 being reversed).</summary>
    /// <param name="original">The original request.</param>
    /// <returns>The original data elements.</returns>
    public static OriginalDataElements FromRequest(Iso8583Message original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return new OriginalDataElements(
            original.Mti,
            original.Stan11 ?? 0,
            original.TransmissionDateTime7 ?? string.Empty,
            original.AcquirerId32 ?? string.Empty,
            original.ForwardingId33 ?? string.Empty);
    }

    /// <summary>Parses the 42-digit DE90.</summary>
    /// <param name="de90">The text.</param>
    /// <param name="value">The parts.</param>
    /// <returns>False when not 42 digits.</returns>
    public static bool TryParse(ReadOnlySpan<char> de90, out OriginalDataElements value)
    {
        value = default;
        if (de90.Length != 42 || de90.ContainsAnyExceptInRange('0', '9') || !Mti.TryParse(de90[..4], out var mti))
        {
            return false;
        }

        value = new OriginalDataElements(
            mti,
            int.Parse(de90.Slice(4, 6), NumberStyles.None, CultureInfo.InvariantCulture),
            de90.Slice(10, 10).ToString(),
            de90.Slice(20, 11).ToString(),
            de90.Slice(31, 11).ToString());
        return true;
    }

    /// <summary>Formats the 42 digits.</summary>
    /// <returns>The DE90 text.</returns>
    /// <exception cref="ArgumentException">A part is not digits or too long.</exception>
    public string Format()
    {
        if (OriginalStan is < 0 or > 999_999)
        {
            throw new ArgumentException("The original STAN must be 0..999999.", nameof(OriginalStan));
        }

        return string.Concat(
            OriginalMti.ToString(),
            OriginalStan.ToString("D6", CultureInfo.InvariantCulture),
            Digits(OriginalTransmissionDateTime, 10, nameof(OriginalTransmissionDateTime)),
            Digits(AcquirerId, 11, nameof(AcquirerId)),
            Digits(ForwardingId, 11, nameof(ForwardingId)));
    }

    private static string Digits(string? value, int length, string name)
    {
        value ??= string.Empty;
        if (value.Length > length || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException($"{name} must be at most {length} digits.", name);
        }

        return value.PadLeft(length, '0');
    }
}
