using System.Text;

namespace Gpos.BrCode.Tests;

/// <summary>
/// Every class of malformed input yields a typed violation naming tag and offset: never an
/// IndexOutOfRangeException, a runtime FormatException, or a hang. Mutated payloads get a recomputed CRC so
/// that the defect under test, not the CRC, is what is caught.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public void TryParse_Empty_EmptyInput()
    {
        ViolationAssert.HasError("", BrCodeViolationReason.EmptyInput, "(input)", 0);
        Assert.Equal(BrCodeViolationReason.EmptyInput, BrCode.TryParse(ReadOnlySpan<byte>.Empty).Violations.Single().Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(100)]
    [InlineData(129)]
    [InlineData(133)]
    [InlineData(136)]
    public void TryParse_TruncatedV1_RejectedWithTypedError(int length)
    {
        var result = BrCode.TryParse(Payloads.V1.AsSpan(0, length));

        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.True(e.Offset >= 0 && e.Offset <= length));
        Assert.Contains(result.Errors, e => e.Reason is BrCodeViolationReason.Truncated or BrCodeViolationReason.LengthOverrun
            or BrCodeViolationReason.CrcMissing or BrCodeViolationReason.MissingTag);
    }

    [Fact]
    public void TryParse_EndsInsideHeader_TruncatedNamingTagAndOffset()
    {
        ViolationAssert.HasError("000201260", BrCodeViolationReason.Truncated, "26", 6);
        ViolationAssert.HasError("0002012", BrCodeViolationReason.Truncated, "(input)", 6);
    }

    [Fact]
    public void TryParse_NameLengthOverrunsEndWithMatchingCrc_LengthOverrunAt59()
    {
        var mutated = Payloads.Recrc(Payloads.V1.Replace("5913Fulano", "5999Fulano", StringComparison.Ordinal));

        Assert.Equal(Payloads.Crc(mutated[..^4]), Convert.ToUInt16(mutated[^4..], 16));
        ViolationAssert.HasError(mutated, BrCodeViolationReason.LengthOverrun, "59", Payloads.V1.IndexOf("5913", StringComparison.Ordinal) + 2);
    }

    [Fact]
    public void TryParse_TemplateLengthSwallowsCrc_CrcMissing()
    {
        // 62 claims 15 chars: its value becomes "0503***6304XXXX", so there is no top-level 63 any more.
        var mutated = Payloads.Recrc(Payloads.V1).Replace("62070503***", "62150503***", StringComparison.Ordinal);

        ViolationAssert.HasError(mutated, BrCodeViolationReason.CrcMissing, "63", mutated.Length);
    }

    [Fact]
    public void TryParse_NestedKeyOverrunsTemplate26WithMatchingCrc_LengthOverrunAt2601()
    {
        var mutated = Payloads.Recrc(Payloads.V1.Replace("0136123e", "0140123e", StringComparison.Ordinal));

        ViolationAssert.HasError(mutated, BrCodeViolationReason.LengthOverrun, "26-01", 28 + 2);
    }

    [Fact]
    public void TryParse_NestedTxIdOverrunsTemplate62_LengthOverrunAt6205()
    {
        var mutated = Payloads.Recrc(Payloads.V1.Replace("62070503***", "62070509***", StringComparison.Ordinal));

        ViolationAssert.HasError(mutated, BrCodeViolationReason.LengthOverrun, "62-05");
    }

    [Fact]
    public void TryParse_UnreservedTemplateOverrun_LengthOverrunAt80()
    {
        var payload = Payloads.WithCrc(Payloads.V1[..^8] + Payloads.Tlv(80, "0014br.gov.bcb.pix2599x"));

        ViolationAssert.HasError(payload, BrCodeViolationReason.LengthOverrun, "80-25");
    }

    [Theory]
    [InlineData("000201", "000A01", "00", 2)]
    [InlineData("2658", "26A8", "26", 8)]
    [InlineData("0014br", "001Xbr", "26-00", 12)]
    public void TryParse_NonDigitLength_InvalidLength(string from, string to, string tag, int offset)
    {
        var payload = Payloads.Recrc(Payloads.V1.Replace(from, to, StringComparison.Ordinal));

        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidLength, tag, offset);
    }

    [Fact]
    public void TryParse_NonDigitTagId_InvalidTagId()
    {
        ViolationAssert.HasError(Payloads.WithCrc("0002010A0212"), BrCodeViolationReason.InvalidTagId, "(input)", 6);
    }

    [Theory]
    [InlineData("Fulano de Tál")]
    [InlineData("Fulano\tde Tal")]
    [InlineData("Fulano 😀 Tal")]
    public void TryParse_NonAscii_InvalidCharacterAtOffset(string name)
    {
        var payload = Payloads.Static(name: name);
        var offset = payload.IndexOf(name, StringComparison.Ordinal) + name.AsSpan().IndexOfAnyExceptInRange(' ', '~');

        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidCharacter, "(input)", offset);
    }

    [Fact]
    public void TryParse_NonAsciiUtf8Bytes_InvalidCharacterAtByteOffset()
    {
        var bytes = Encoding.UTF8.GetBytes(Payloads.V1.Replace("BRASILIA", "BRASÍLIA", StringComparison.Ordinal));

        var result = BrCode.TryParse(bytes);

        var error = Assert.Single(result.Violations);
        Assert.Equal(BrCodeViolationReason.InvalidCharacter, error.Reason);
        Assert.Equal(Payloads.V1.IndexOf("BRASILIA", StringComparison.Ordinal) + 4, error.Offset);
    }

    [Fact]
    public void TryParse_TenKilobytes_InputTooLongWithoutScanning()
    {
        var huge = string.Concat(Enumerable.Repeat(Payloads.V1, 80));

        Assert.True(huge.Length > 10_000);
        ViolationAssert.HasError(huge, BrCodeViolationReason.InputTooLong, "(input)", 512);
        Assert.Equal(BrCodeViolationReason.InputTooLong, BrCode.TryParse(Encoding.ASCII.GetBytes(huge)).Violations.Single().Reason);
    }

    [Fact]
    public void TryParse_CrcWithThreeDigitsAndLength03_CrcInvalidFormat()
    {
        var payload = Payloads.V1[..^8] + "6303D3D";

        ViolationAssert.HasError(payload, BrCodeViolationReason.CrcInvalidFormat, "63", payload.Length - 7);
    }

    [Fact]
    public void TryParse_CrcNotHex_CrcInvalidFormat()
    {
        ViolationAssert.HasError(Payloads.V1[..^4] + "1D3G", BrCodeViolationReason.CrcInvalidFormat, "63");
    }

    [Fact]
    public void TryParse_CrcLowerCase_ErrorStrictWarningLenient()
    {
        var payload = Payloads.V1[..^4] + "1d3d";

        ViolationAssert.HasError(payload, BrCodeViolationReason.CrcLowerCase, "63", payload.Length - 8);
        ViolationAssert.IsValidWithWarning(payload, BrCodeViolationReason.CrcLowerCase, "63", BrCodeParseOptions.Tolerant);
    }

    [Fact]
    public void TryParse_CrcMissingAtEnd_CrcMissing()
    {
        var payload = Payloads.V1[..^8];

        ViolationAssert.HasError(payload, BrCodeViolationReason.CrcMissing, "63", payload.Length);
        ViolationAssert.HasError(payload, BrCodeViolationReason.CrcMissing, "63", payload.Length, BrCodeParseOptions.Tolerant);
    }

    [Fact]
    public void TryParse_FieldAfterCrc_CrcNotLast()
    {
        var payload = Payloads.V1 + Payloads.Tlv(99, "x");

        ViolationAssert.HasError(payload, BrCodeViolationReason.CrcNotLast, "99", Payloads.V1.Length);
    }

    [Fact]
    public void TryParse_BothKeyAndUrl_KeyAndUrlPresent()
    {
        ViolationAssert.HasError(Payloads.Static(url: "pix.example.com/qr/v2/abc"), BrCodeViolationReason.KeyAndUrlPresent, "26", 6);
    }

    [Fact]
    public void TryParse_NeitherKeyNorUrl_KeyAndUrlMissing()
    {
        ViolationAssert.HasError(Payloads.Static(key: null), BrCodeViolationReason.KeyAndUrlMissing, "26", 6);
    }

    [Theory]
    [InlineData("abc-123")]
    [InlineData("abc 123")]
    [InlineData(" abc")]
    [InlineData("12345678901234567890123456")]
    [InlineData("**")]
    public void TryParse_BadStaticTxId_InvalidTxId(string txid)
    {
        ViolationAssert.HasError(Payloads.Static(txid: txid), BrCodeViolationReason.InvalidTxId, "62-05");
        ViolationAssert.HasError(Payloads.Static(txid: txid), BrCodeViolationReason.InvalidTxId, "62-05", options: BrCodeParseOptions.Tolerant);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("10")]
    public void TryParse_AmountWithoutTwoDecimals_ErrorStrictWarningLenient(string amount)
    {
        var payload = Payloads.Static(amount: amount);

        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidAmount, "54");
        ViolationAssert.IsValidWithWarning(payload, BrCodeViolationReason.InvalidAmount, "54", BrCodeParseOptions.Tolerant);
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("0")]
    [InlineData("-1.00")]
    [InlineData("+1.00")]
    [InlineData(" 1.00")]
    [InlineData("R$1.00")]
    [InlineData("1,00")]
    [InlineData("1.000")]
    [InlineData(".50")]
    [InlineData("1e3")]
    [InlineData("12345678901.00")]
    public void TryParse_BadAmount_InvalidAmountInBothModes(string amount)
    {
        var payload = Payloads.Static(amount: amount);

        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidAmount, "54");
        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidAmount, "54", options: BrCodeParseOptions.Tolerant);
    }

    [Fact]
    public void TryParse_DuplicateTopLevelTag_DuplicateTag()
    {
        var body = Payloads.V1[..^8].Replace("5802BR", "5802BR5802BR", StringComparison.Ordinal);
        var payload = Payloads.WithCrc(body);

        ViolationAssert.HasError(payload, BrCodeViolationReason.DuplicateTag, "58", body.IndexOf("5802BR", StringComparison.Ordinal) + 6);
    }

    [Fact]
    public void TryParse_DuplicateNestedTag_DuplicateTag()
    {
        var payload = Payloads.Static(txid: null).Replace("6304", "62140503***0503abc6304", StringComparison.Ordinal);

        ViolationAssert.HasError(Payloads.Recrc(payload), BrCodeViolationReason.DuplicateTag, "62-05");
    }

    [Fact]
    public void TryParse_TagsOutOfOrder_AcceptedWithWarning()
    {
        // Decision (README): EMV only fixes 00 first and 63 last, and the CRC covers the exact text, so other
        // orders are accepted with a TagOutOfOrder warning; our encoder always writes ascending order.
        var body = Payloads.V1[..^8].Replace("5802BR5913Fulano de Tal", "5913Fulano de Tal5802BR", StringComparison.Ordinal);

        var result = ViolationAssert.IsValidWithWarning(Payloads.WithCrc(body), BrCodeViolationReason.TagOutOfOrder, "58");
        Assert.Equal(Payloads.V1, result.Code!.Encode());
    }

    [Fact]
    public void TryParse_PayloadFormatNotFirst_TagOutOfOrderError()
    {
        var body = Payloads.V1[6..^8] + "000201";

        ViolationAssert.HasError(Payloads.WithCrc(body), BrCodeViolationReason.TagOutOfOrder, "00", body.Length - 6);
    }

    [Theory]
    [InlineData("52", "5204000053", "5204ABCD53")]
    [InlineData("53", "5303986", "5303840")]
    [InlineData("58", "5802BR", "5802US")]
    [InlineData("00", "000201", "000202")]
    public void TryParse_WrongFixedValue_InvalidValue(string tag, string from, string to)
    {
        ViolationAssert.HasError(Payloads.Recrc(Payloads.V1.Replace(from, to, StringComparison.Ordinal)), BrCodeViolationReason.InvalidValue, tag);
    }

    [Theory]
    [InlineData("br.gov.bcb.pix", true)]
    [InlineData("BR.GOV.BCB.PIX", true)]
    [InlineData("Br.Gov.Bcb.Pix", true)]
    [InlineData("br.gov.bcb.pex", false)]
    public void TryParse_Gui_AcceptedInAnyCaseOnly(string gui, bool valid)
    {
        var payload = Payloads.Static(gui: gui);

        if (valid)
        {
            Assert.Equal(gui, BrCode.Parse(payload).Gui);
        }
        else
        {
            ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidGui, "26-00", 10);
        }
    }

    [Fact]
    public void TryParse_NameAndCityTooLong_ValueTooLong()
    {
        ViolationAssert.HasError(Payloads.Static(name: new string('A', 26)), BrCodeViolationReason.ValueTooLong, "59");
        ViolationAssert.HasError(Payloads.Static(city: new string('A', 16)), BrCodeViolationReason.ValueTooLong, "60");
    }

    [Fact]
    public void TryParse_InfoWithUrl_AdditionalInfoWithUrl()
    {
        ViolationAssert.HasError(Payloads.Static(key: null, url: "pix.example.com/qr/1", info: "hello"), BrCodeViolationReason.AdditionalInfoWithUrl, "26-02");
    }

    [Theory]
    [InlineData(59)]
    [InlineData(60)]
    [InlineData(52)]
    public void TryParse_MandatoryTagMissing_MissingTag(int tag)
    {
        var tlv = tag switch { 59 => "5913Fulano de Tal", 60 => "6008BRASILIA", _ => "52040000" };
        var payload = Payloads.Recrc(Payloads.V1.Replace(tlv, "", StringComparison.Ordinal));

        ViolationAssert.HasError(payload, BrCodeViolationReason.MissingTag, tag.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), payload.Length - 8);
    }

    [Fact]
    public void TryParse_EmptyValue_EmptyValue()
    {
        ViolationAssert.HasError(Payloads.Recrc(Payloads.V1.Replace("5913Fulano de Tal", "5900", StringComparison.Ordinal)), BrCodeViolationReason.EmptyValue, "59");
    }

    [Fact]
    public void TryParse_ManyErrors_ReportsEveryOne()
    {
        var payload = Payloads.Static(amount: "1.5", txid: "a-b", name: new string('N', 30), city: new string('C', 20))[..^4] + "0000";

        var reasons = BrCode.TryParse(payload).Errors.Select(e => e.Reason).ToHashSet();

        Assert.Superset(new HashSet<BrCodeViolationReason>
        {
            BrCodeViolationReason.InvalidAmount, BrCodeViolationReason.InvalidTxId, BrCodeViolationReason.ValueTooLong,
            BrCodeViolationReason.CrcMismatch,
        }, reasons);
    }

    [Fact]
    public void Parse_Invalid_ThrowsBrCodeFormatExceptionNamingTagAndOffset()
    {
        var payload = Payloads.V1[..^4] + "0000";

        var ex = Assert.Throws<BrCodeFormatException>(() => BrCode.Parse(payload));

        Assert.Equal("63", ex.Tag.ToString());
        Assert.Equal(payload.Length - 8, ex.Offset);
        Assert.Equal(BrCodeViolationReason.CrcMismatch, ex.Reason);
        Assert.Contains("offset 129", ex.Message, StringComparison.Ordinal);
        Assert.NotEmpty(ex.Violations);
        Assert.Throws<BrCodeFormatException>(() => BrCode.Parse(Encoding.ASCII.GetBytes(payload)));
    }
}
