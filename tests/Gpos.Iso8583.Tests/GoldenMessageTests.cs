using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

/// <summary>
/// Golden wire images. Sources: (1) the 0100 in shared/specs/iso8583.md §5, taken from moov-io/iso8583
/// message_test.go; (2) an 0800 echo image with secondary bitmap from a public GitHub ISO 8583 parser test
/// ("should parse an 0800 Network Management message with Secondary Bitmap"); (3) messages built field by field from the
/// jPOS ISO87APackager table (jpos/src/main/java/org/jpos/iso/packager/ISO87APackager.java), expected bytes written
/// piece by piece from that table, bitmaps computed by hand.
/// </summary>
public sealed class GoldenMessageTests
{
    private const string Moov0100 = "01007000000000000000164242424242424242123456000000000100";

    [Fact]
    public void Unpack_Moov0100_ReadsFields()
    {
        var message = Iso8583Message.Unpack(Ascii(Moov0100), IsoMessageSpec.Iso87Ascii);

        Assert.Equal(Mti.AuthorizationRequest, message.Mti);
        Assert.Equal("4242424242424242", message.Pan2);
        Assert.Equal("123456", message.ProcessingCode3);
        Assert.Equal(100, message.AmountTransaction4);
        Assert.Equal([Field.Pan2, Field.ProcessingCode3, Field.AmountTransaction4], message.Fields);
    }

    [Fact]
    public void Pack_Moov0100BuiltFieldByField_MatchesGolden()
    {
        var message = new Iso8583Message(Mti.AuthorizationRequest)
        {
            Pan2 = "4242424242424242",
            ProcessingCode3 = "123456",
            AmountTransaction4 = 100,
        };

        Assert.Equal(Moov0100, Ascii(message.Pack()));
        Assert.Equal(56, message.GetPackedLength());
    }

    [Fact]
    public void Unpack_Public0800EchoWithSecondaryBitmap_ReadsDe70()
    {
        const string image = "0800822000000000000004000000000000000623085400000002301";

        var message = Iso8583Message.Unpack(Ascii(image));

        Assert.Equal(Mti.NetworkManagementRequest, message.Mti);
        Assert.Equal("0623085400", message.TransmissionDateTime7);
        Assert.Equal(2, message.Stan11);
        Assert.Equal("301", message.NetworkMgmtCode70);
        Assert.Equal(image, Ascii(message.Pack()));
    }

    [Fact]
    public void Pack_Financial0200_MatchesFieldByFieldImage()
    {
        string expected =
            "0200" + "7238040028C08200"
            + "16" + Pan                                   // DE2 IFA_LLNUM 19
            + "003000"                                      // DE3 IFA_NUMERIC 6
            + "000000001000"                                // DE4 IFA_NUMERIC 12, zero-padded
            + "1122103000"                                  // DE7 IFA_NUMERIC 10
            + "000123"                                      // DE11 IFA_NUMERIC 6
            + "073000" + "1122"                             // DE12, DE13
            + "051"                                         // DE22 IFA_NUMERIC 3
            + "36" + Track2                                 // DE35 IFA_LLNUM 37
            + "000000000123"                                // DE37 IF_CHAR 12
            + "TERM0001"                                    // DE41 IF_CHAR 8
            + "MERCHANT000001 "                             // DE42 IF_CHAR 15, space-padded
            + "986"                                         // DE49 IF_CHAR 3
            + "120" + IccHex;                               // DE55 IFA_LLLCHAR: 60 bytes as 120 hex characters

        Assert.Equal(expected, Ascii(Financial0200().Pack()));
    }

    [Fact]
    public void Unpack_Financial0200_RoundTripsTypedFields()
    {
        byte[] packed = Financial0200().Pack();

        var message = Iso8583Message.Unpack(packed);

        Assert.Equal(Pan, message.Pan2);
        Assert.Equal(1000, message.AmountTransaction4);
        Assert.Equal(123, message.Stan11);
        Assert.Equal(Track2, message.Track2_35);
        Assert.Equal("MERCHANT000001", message.MerchantId42);
        Assert.Equal(Icc, message.GetIcc55());
        Assert.Equal(packed, message.Pack());
    }

    [Fact]
    public void Pack_Financial0210Response_MatchesImage()
    {
        var request = Financial0200();
        var response = request.CreateResponse(
            Field.Pan2, Field.ProcessingCode3, Field.AmountTransaction4, Field.TransmissionDateTime7, Field.Stan11,
            Field.LocalTime12, Field.LocalDate13, Field.Rrn37, Field.TerminalId41, Field.MerchantId42, Field.Currency49);
        response.AuthId38 = "A1B2C3";
        response.ResponseCode39 = "00";

        string expected =
            "0210" + "723800000EC08000" + "16" + Pan + "003000" + "000000001000" + "1122103000" + "000123" + "073000"
            + "1122" + "000000000123" + "A1B2C3" + "00" + "TERM0001" + "MERCHANT000001 " + "986";
        Assert.Equal(expected, Ascii(response.Pack()));
        Assert.Equal(request.TryGetMatchKey(out var requestKey), response.TryGetMatchKey(out var responseKey));
        Assert.Equal(requestKey, responseKey);
    }

    [Fact]
    public void Pack_Reversal0400AndResponse0410_MatchImages()
    {
        var original = Financial0200();
        var reversal = new Iso8583Message(Mti.ReversalRequest)
        {
            ProcessingCode3 = original.ProcessingCode3,
            AmountTransaction4 = original.AmountTransaction4,
            TransmissionDateTime7 = "1122103130",
            Stan11 = original.Stan11,
            Rrn37 = original.Rrn37,
            TerminalId41 = original.TerminalId41,
            MerchantId42 = original.MerchantId42,
            Currency49 = original.Currency49,
        };
        reversal.SetOriginalData90(OriginalDataElements.FromRequest(original));
        string common = "003000" + "000000001000" + "1122103130" + "000123" + "000000000123";
        string de90 = "0200" + "000123" + "1122103000" + "00000000000" + "00000000000";

        var response = reversal.CreateResponse(
            Field.ProcessingCode3, Field.AmountTransaction4, Field.TransmissionDateTime7, Field.Stan11, Field.Rrn37,
            Field.TerminalId41, Field.MerchantId42, Field.Currency49, Field.OriginalData90);
        response.ResponseCode39 = "00";

        Assert.Equal(
            "0400" + "B220000008C080000000004000000000" + common + "TERM0001" + "MERCHANT000001 " + "986" + de90,
            Ascii(reversal.Pack()));
        Assert.Equal(
            "0410" + "B22000000AC080000000004000000000" + common + "00" + "TERM0001" + "MERCHANT000001 " + "986" + de90,
            Ascii(response.Pack()));
        Assert.Equal("0401", reversal.CreateRepeat().Mti.ToString());
    }

    [Fact]
    public void Pack_NetworkManagement0800And0810_MatchImages()
    {
        var echo = new Iso8583Message(Mti.NetworkManagementRequest)
        {
            TransmissionDateTime7 = "1122103000",
            Stan11 = 7,
            TerminalId41 = "TERM0001",
            NetworkMgmtCode70 = "301",
        };
        var reply = echo.CreateResponse(Field.TransmissionDateTime7, Field.Stan11, Field.TerminalId41, Field.NetworkMgmtCode70);
        reply.ResponseCode39 = "00";

        Assert.Equal(
            "0800" + "82200000008000000400000000000000" + "1122103000" + "000007" + "TERM0001" + "301",
            Ascii(echo.Pack()));
        Assert.Equal(
            "0810" + "82200000028000000400000000000000" + "1122103000" + "000007" + "00" + "TERM0001" + "301",
            Ascii(reply.Pack()));
    }
}
