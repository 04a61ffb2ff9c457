using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

public sealed class MessageModelTests
{
    [Theory]
    [InlineData("0100", "0110")]
    [InlineData("0200", "0210")]
    [InlineData("0400", "0410")]
    [InlineData("0401", "0410")]
    [InlineData("0421", "0430")]
    [InlineData("0800", "0810")]
    public void ToResponse_Request_FollowsJposSetResponseMti(string request, string response)
    {
        Assert.Equal(response, Mti.Parse(request).ToResponse().ToString());
    }

    [Fact]
    public void ToResponse_Response_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Mti.FinancialResponse.ToResponse());
    }

    [Theory]
    [InlineData("0400", "0401")]
    [InlineData("0420", "0421")]
    [InlineData("0401", "0401")]
    public void ToRepeat_Mti_SetsRepeatOrigin(string mti, string repeat)
    {
        Assert.Equal(repeat, Mti.Parse(mti).ToRepeat().ToString());
    }

    [Fact]
    public void TryGetMatchKey_ReversalResponseAndFinancialRequestSameStan_DoNotMatch()
    {
        var request = Financial0200();
        var reversalResponse = request.CreateResponse(Field.Stan11, Field.TerminalId41);
        reversalResponse.Mti = Mti.ReversalResponse;

        Assert.True(request.TryGetMatchKey(out var requestKey));
        Assert.True(reversalResponse.TryGetMatchKey(out var reversalKey));
        Assert.NotEqual(requestKey, reversalKey);
        Assert.Equal("020|TERM0001|000123", requestKey.ToString());
    }

    [Fact]
    public void TryGetMatchKey_NoTerminalId_ReturnsFalse()
    {
        var echo = new Iso8583Message(Mti.NetworkManagementRequest) { Stan11 = 1, NetworkMgmtCode70 = "301" };

        Assert.False(echo.TryGetMatchKey(out _));
    }

    [Fact]
    public void FromRequest_Original0200_BuildsDe90()
    {
        var original = Financial0200();
        original.AcquirerId32 = "200";

        var de90 = OriginalDataElements.FromRequest(original);

        Assert.Equal("0200" + "000123" + "1122103000" + "00000000200" + "00000000000", de90.Format());
        Assert.True(OriginalDataElements.TryParse(de90.Format(), out var parsed));
        Assert.Equal(de90 with { AcquirerId = "00000000200", ForwardingId = "00000000000" }, parsed);
    }

    [Fact]
    public void TryParse_MoovReversalDe90_ReadsParts()
    {
        // moov-io/iso8583 test/testdata/iso_reversal_message.dat (iso8583.md §2).
        Assert.True(OriginalDataElements.TryParse("0200003316090806451900000000200" + "00000000000", out var de90));
        Assert.Equal(Mti.FinancialRequest, de90.OriginalMti);
        Assert.Equal(3316, de90.OriginalStan);
        Assert.Equal("0908064519", de90.OriginalTransmissionDateTime);
    }

    [Fact]
    public void SetString_FixedFields_PadNumericLeftAndTextRight()
    {
        var message = new Iso8583Message(Mti.FinancialRequest) { Stan11 = 42, TerminalId41 = "T1" };
        message.SetString(Field.AmountTransactionFee28, "D100");

        Assert.True(message.TryGetRawValue(Field.Stan11, out var stan));
        Assert.Equal("000042", Ascii(stan));
        Assert.True(message.TryGetRawValue(Field.TerminalId41, out var terminal));
        Assert.Equal("T1      ", Ascii(terminal));
        Assert.Equal("D00000100", message.GetString(Field.AmountTransactionFee28));
        Assert.Equal("T1", message.TerminalId41);
    }

    [Fact]
    public void SetNumber_AmountTooLarge_ThrowsValueTooLong()
    {
        var message = new Iso8583Message(Mti.FinancialRequest);

        var exception = Assert.Throws<Iso8583Exception>(() => message.AmountTransaction4 = 1_000_000_000_000);

        Assert.Equal(Iso8583ErrorKind.ValueTooLong, exception.Kind);
    }

    [Fact]
    public void Setters_ReplaceAndRemove_UpdateBitmapAndZeroOldBytes()
    {
        var message = Financial0200();

        message.Pan2 = "5555555555554444";
        message.Track2_35 = null;

        Assert.Equal("5555555555554444", message.Pan2);
        Assert.False(message.Has(Field.Track2_35));
        Assert.DoesNotContain("411111", Ascii(message.Pack()), StringComparison.Ordinal);
    }

    [Fact]
    public void Setters_ManyReplacements_CompactStoreAndKeepValues()
    {
        var message = Financial0200();
        for (int i = 0; i < 2_000; i++)
        {
            message.AdditionalDataPrivate48 = new string('x', 999);
            message.Stan11 = i;
        }

        Assert.Equal(1_999, message.Stan11);
        Assert.Equal(999, message.GetLength(Field.AdditionalDataPrivate48));
        Assert.Equal(TestMessages.Pan, Iso8583Message.Unpack(message.Pack()).Pan2);
    }

    [Fact]
    public void Clear_Message_RemovesEverything()
    {
        var message = Financial0200();

        message.Clear();

        Assert.Empty(message.Fields);
        Assert.Equal(24, message.GetPackedLength() + 4);
    }

    [Fact]
    public void SetString_UndefinedField_ThrowsUndefinedField()
    {
        var spec = IsoMessageSpec.Iso87Ascii.WithoutField(Field.Private63);
        var message = new Iso8583Message(Mti.FinancialRequest, spec);

        var exception = Assert.Throws<Iso8583Exception>(() => message.Private63 = "x");

        Assert.Equal(Iso8583ErrorKind.UndefinedField, exception.Kind);
        Assert.Equal(63, exception.FieldNumber);
    }
}
