using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

/// <summary>
/// The ISO87B-style spec: BCD MTI, binary bitmap, BCD numerics (fixed left-padded, LL right-padded as jPOS
/// IFB_NUMERIC(pad=true) / IFB_LLNUM(pad=false)), BCD length prefixes, raw binary. Images written by hand from the table.
/// </summary>
public sealed class BinarySpecTests
{
    [Fact]
    public void Pack_Moov0100Fields_ProducesBcdImage()
    {
        var message = new Iso8583Message(Mti.AuthorizationRequest, IsoMessageSpec.Iso87Binary)
        {
            Pan2 = "4242424242424242",
            ProcessingCode3 = "123456",
            AmountTransaction4 = 100,
        };

        string expected = "0100" + "7000000000000000" + "16" + "4242424242424242" + "123456" + "000000000100";
        Assert.Equal(expected, Convert.ToHexString(message.Pack()));
    }

    [Fact]
    public void Pack_OddLengthFields_PadsNibbles()
    {
        var message = new Iso8583Message(Mti.FinancialRequest, IsoMessageSpec.Iso87Binary)
        {
            PosEntryMode22 = "051",
            Track2_35 = "4111111111111111=2812201",
        };
        message.SetPinBlock52(Convert.FromHexString("0123456789ABCDEF"));

        // DE22 n3 -> 0051; DE35 z24 with LL 24 -> '=' as nibble D; DE52 8 raw bytes.
        string expected = "0200" + "0000040020001000" + "0051" + "24" + "4111111111111111D2812201" + "0123456789ABCDEF";
        Assert.Equal(expected, Convert.ToHexString(message.Pack()));
    }

    [Fact]
    public void Pack_OddLengthLlNumeric_RightPadsNibble()
    {
        var message = new Iso8583Message(Mti.FinancialRequest, IsoMessageSpec.Iso87Binary) { AcquirerId32 = "12345" };

        Assert.Equal("0200" + "0000000100000000" + "05" + "123450", Convert.ToHexString(message.Pack()));
        Assert.Equal("12345", Iso8583Message.Unpack(message.Pack(), IsoMessageSpec.Iso87Binary).AcquirerId32);
    }

    [Fact]
    public void Unpack_Financial0200Binary_RoundTrips()
    {
        byte[] packed = Financial0200(IsoMessageSpec.Iso87Binary).Pack();

        var message = Iso8583Message.Unpack(packed, IsoMessageSpec.Iso87Binary);

        Assert.Equal(Track2, message.Track2_35);
        Assert.Equal(Icc, message.GetIcc55());
        Assert.Equal(1000, message.AmountTransaction4);
        Assert.True(packed.Length < Financial0200().Pack().Length);
    }

    [Fact]
    public void TryUnpack_NonBcdMti_ReturnsInvalidMti()
    {
        Assert.False(Iso8583Message.TryUnpack(Convert.FromHexString("02A0" + "0000000000000000"), IsoMessageSpec.Iso87Binary, out _, out var error));
        Assert.Equal(new Iso8583Error(Iso8583ErrorKind.InvalidMti, 0, 1), error);
    }

    [Fact]
    public void TryUnpack_NonBcdDigitInNumericField_ReturnsInvalidNumeric()
    {
        byte[] image = Convert.FromHexString("0200" + "2000000000000000" + "12345A");

        Assert.False(Iso8583Message.TryUnpack(image, IsoMessageSpec.Iso87Binary, out _, out var error));
        Assert.Equal(new Iso8583Error(Iso8583ErrorKind.InvalidNumeric, 3, 12), error);
    }
}
