using System.Text;

namespace Gpos.Iso8583.Tests;

/// <summary>Shared test data. Card numbers are public test PANs (Visa 4111..., moov's 4242...).</summary>
internal static class TestMessages
{
    public const string Pan = "4111111111111111";
    public const string Track2 = "4111111111111111=2812201123456789012";

    /// <summary>60 bytes of DE55: 9F02, 9F26, 82, 95, 9F36, 5F2A, 9A, 9C, 9F37, 9F10 (EMV Book 3 tags).</summary>
    public const string IccHex =
        "9F0206000000001000" + "9F26081122334455667788" + "82025C00" + "95050000008000" + "9F36020001"
        + "5F2A020986" + "9A03261122" + "9C0100" + "9F370411223344" + "9F10010A";

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);

    public static byte[] Icc => Convert.FromHexString(IccHex);

    /// <summary>The typical POS 0200 of the issue: DE 2,3,4,7,11,12,13,22,35,37,41,42,49 and a 60-byte DE55.</summary>
    public static Iso8583Message Financial0200(IsoMessageSpec? spec = null)
    {
        var message = new Iso8583Message(Mti.FinancialRequest, spec)
        {
            Pan2 = Pan,
            ProcessingCode3 = "003000",
            AmountTransaction4 = 1000,
            TransmissionDateTime7 = "1122103000",
            Stan11 = 123,
            LocalTime12 = "073000",
            LocalDate13 = "1122",
            PosEntryMode22 = "051",
            Track2_35 = Track2,
            Rrn37 = "000000000123",
            TerminalId41 = "TERM0001",
            MerchantId42 = "MERCHANT000001",
            Currency49 = "986",
        };
        message.SetIcc55(Icc);
        return message;
    }
}
