using System.Globalization;
using System.Text;

namespace Gpos.BrCode.Tests;

/// <summary>Builds test payloads. The CRC here is a plain bitwise CRC-16/CCITT-FALSE, independent of the library's table.</summary>
internal static class Payloads
{
    public static string Tlv(int tag, string value) =>
        string.Create(CultureInfo.InvariantCulture, $"{tag:D2}{value.Length:D2}{value}");

    /// <summary>Appends <c>6304</c> and the correct CRC for <paramref name="body"/>.</summary>
    public static string WithCrc(string body)
    {
        var withHeader = body + "6304";
        return withHeader + Crc(withHeader).ToString("X4", CultureInfo.InvariantCulture);
    }

    /// <summary>Replaces the trailing CRC of a full payload (…6304XXXX) with the correct one for the new text.</summary>
    public static string Recrc(string payloadWithStaleCrc) => WithCrc(payloadWithStaleCrc[..^8]);

    public static ushort Crc(string text)
    {
        ushort crc = 0xFFFF;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            crc ^= (ushort)(b << 8);
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }
        }

        return crc;
    }

    /// <summary>A typical static code: V1 (BCB manual example, bacen/pix-api#79).</summary>
    public const string V1 = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

    /// <summary>A typical dynamic code: V4 (thalesog/pix-utils test vectors, DYNAMIC_ONE_TIME_TEST_EMV).</summary>
    public const string V4 = "00020101021226740014br.gov.bcb.pix2552payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e875204000053039865802BR5914THALES OGLIARI6015SAO MIGUEL DO O62070503***63042895";

    /// <summary>Builds a static payload from parts, with a correct CRC; pass null to omit a part.</summary>
    public static string Static(
        string? key = "123e4567-e12b-12d1-a456-426655440000",
        string? url = null,
        string? amount = null,
        string? txid = "***",
        string? name = "Fulano de Tal",
        string? city = "BRASILIA",
        string? info = null,
        string gui = "br.gov.bcb.pix")
    {
        var account = Tlv(0, gui) + (key is null ? "" : Tlv(1, key)) + (info is null ? "" : Tlv(2, info)) + (url is null ? "" : Tlv(25, url));
        var body = Tlv(0, "01") + Tlv(26, account) + Tlv(52, "0000") + Tlv(53, "986")
            + (amount is null ? "" : Tlv(54, amount)) + Tlv(58, "BR")
            + (name is null ? "" : Tlv(59, name)) + (city is null ? "" : Tlv(60, city))
            + (txid is null ? "" : Tlv(62, Tlv(5, txid)));
        return WithCrc(body);
    }
}
