using System.Buffers;
using System.Text;

namespace Gpos.BrCode.Tests;

public sealed class EncodeTests
{
    private static readonly StaticBrCodeRequest V1Request = new()
    {
        Key = "123e4567-e12b-12d1-a456-426655440000",
        MerchantName = "Fulano de Tal",
        MerchantCity = "BRASILIA",
    };

    [Fact]
    public void CreateStatic_V1Values_ReproducesManualExampleExceptUpperCasedName()
    {
        var result = BrCode.CreateStatic(V1Request);

        Assert.True(result.IsSuccess);
        // The BCB example keeps "Fulano de Tal" in mixed case; we upper-case (pix-api.md §5.4 practice) and say so.
        var expected = Payloads.Recrc(Payloads.V1.Replace("Fulano de Tal", "FULANO DE TAL", StringComparison.Ordinal));
        Assert.Equal(expected, result.Code!.Encode());
        var note = Assert.Single(result.Normalizations);
        Assert.Equal("59", note.Tag.ToString());
        Assert.Equal(BrCodeNormalizationKind.UpperCased, note.Changes);
    }

    [Fact]
    public void CreateDynamic_V4Values_ReproducesV4Exactly()
    {
        var result = BrCode.CreateDynamic(new DynamicBrCodeRequest
        {
            Url = "payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e87",
            MerchantName = "THALES OGLIARI",
            MerchantCity = "SAO MIGUEL DO O",
        });

        Assert.True(result.IsSuccess);
        Assert.Equal(Payloads.V4, result.Code!.Encode());
        Assert.Empty(result.Normalizations);
        Assert.Equal(0x2895, result.Code.Crc);
    }

    [Fact]
    public void CreateStatic_PixUtilsValues_ReproducesParserVectorWithUpperCasedName()
    {
        // thalesog/pix-utils test/parser.test.ts vector, name upper-cased by us.
        var result = BrCode.CreateStatic(new StaticBrCodeRequest
        {
            Key = "thalesog@me.com",
            MerchantName = "THALES OGLIARI",
            MerchantCity = "SC",
            AdditionalInfo = "Pedido 123",
            Amount = 1000,
        });

        Assert.Equal(
            Payloads.WithCrc("00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 123520400005303986540510.005802BR5914THALES OGLIARI6002SC62070503***"),
            result.Code!.Encode());
    }

    [Theory]
    [InlineData(1L, "0.01")]
    [InlineData(10L, "0.10")]
    [InlineData(100L, "1.00")]
    [InlineData(150L, "1.50")]
    [InlineData(123456L, "1234.56")]
    [InlineData(999_999_999_999L, "9999999999.99")]
    public void CreateStatic_Amount_AlwaysTwoDecimals(long centavos, string text)
    {
        var code = BrCode.CreateStatic(V1Request with { Amount = centavos }).Code!;

        Assert.Contains(Payloads.Tlv(54, text), code.Encode(), StringComparison.Ordinal);
        Assert.Equal(centavos, BrCode.Parse(code.Encode()).Amount);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1_000_000_000_000L)]
    public void CreateStatic_AmountOutOfRange_InvalidAmount(long centavos)
    {
        var result = BrCode.CreateStatic(V1Request with { Amount = centavos });

        Assert.False(result.IsSuccess);
        Assert.Equal(BrCodeViolationReason.InvalidAmount, Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void CreateStatic_AccentedLongNameAndCity_FoldedUpperCasedCutAndReported()
    {
        var result = BrCode.CreateStatic(V1Request with
        {
            MerchantName = "Padaria e Confeitaria São João Ltda",
            MerchantCity = "São José dos Pinhais",
        });

        var code = result.Code!;
        Assert.Equal("PADARIA E CONFEITARIA SAO", code.MerchantName);
        Assert.Equal("SAO JOSE DOS PI", code.MerchantCity);
        var name = result.Normalizations.Single(n => n.Tag.Id == 59);
        Assert.Equal("Padaria e Confeitaria São João Ltda", name.Original);
        Assert.Equal(BrCodeNormalizationKind.DiacriticsRemoved | BrCodeNormalizationKind.UpperCased | BrCodeNormalizationKind.Truncated, name.Changes);
        Assert.True(BrCode.Validate(code.Encode()).IsValid);
    }

    [Fact]
    public void CreateStatic_EmojiInName_DroppedAndReported()
    {
        var result = BrCode.CreateStatic(V1Request with { MerchantName = "Café 😀 Bom" });

        Assert.Equal("CAFE  BOM", result.Code!.MerchantName);
        Assert.True(result.Normalizations[0].Changes.HasFlag(BrCodeNormalizationKind.CharactersRemoved));
    }

    [Theory]
    [InlineData("abc-123")]
    [InlineData("abc 123")]
    [InlineData("")]
    [InlineData("12345678901234567890123456")]
    public void CreateStatic_BadTxId_InvalidTxId(string txid)
    {
        var result = BrCode.CreateStatic(V1Request with { TxId = txid });

        Assert.Equal(BrCodeViolationReason.InvalidTxId, Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void CreateStatic_KeyPlusInfoOver99_TemplateTooLong()
    {
        var result = BrCode.CreateStatic(V1Request with { AdditionalInfo = new string('x', 60) });

        Assert.Contains(result.Errors, e => e.Reason == BrCodeViolationReason.ValueTooLong && e.Tag.ToString() == "26");
    }

    [Fact]
    public void CreateStatic_InfoOver72_ValueTooLong()
    {
        var result = BrCode.CreateStatic(V1Request with { Key = "a@b.co", AdditionalInfo = new string('x', 73) });

        Assert.Contains(result.Errors, e => e.Reason == BrCodeViolationReason.ValueTooLong && e.Tag.ToString() == "26-02");
    }

    [Fact]
    public void CreateDynamic_UrlWithScheme_SchemeRemovedAndReported()
    {
        var result = BrCode.CreateDynamic(new DynamicBrCodeRequest
        {
            Url = "https://pix.example.com/qr/v2/abc",
            MerchantName = "LOJA",
            MerchantCity = "RECIFE",
        });

        Assert.Equal("pix.example.com/qr/v2/abc", result.Code!.Url);
        Assert.Equal(BrCodeNormalizationKind.SchemeRemoved, Assert.Single(result.Normalizations).Changes);
        Assert.Equal(PointOfInitiationMethod.SingleUse, result.Code.PointOfInitiation);
        Assert.Equal("***", result.Code.ReferenceLabel);
    }

    [Fact]
    public void CreateDynamic_UrlOver77_ValueTooLong()
    {
        var result = BrCode.CreateDynamic(new DynamicBrCodeRequest { Url = new string('u', 78), MerchantName = "A", MerchantCity = "B" });

        Assert.Contains(result.Errors, e => e.Reason == BrCodeViolationReason.ValueTooLong && e.Tag.ToString() == "26-25");
    }

    [Fact]
    public void Encode_CrcWithLeadingZero_IsZeroPadded()
    {
        // Search a small space of amounts for a code whose CRC is below 0x1000 (the "3-digit CRC" bug, pix-api.md §5.5 #1).
        var code = Enumerable.Range(1, 5000)
            .Select(i => BrCode.CreateStatic(V1Request with { Amount = i }).Code!)
            .First(c => c.Crc < 0x1000);

        var text = code.Encode();

        Assert.Equal('0', text[^4]);
        Assert.True(BrCode.Validate(text).IsValid);
    }

    [Fact]
    public void TryEncode_DestinationTooSmall_ReturnsFalse()
    {
        var code = BrCode.Parse(Payloads.V1);

        Assert.False(code.TryEncode(new char[136], out var written));
        Assert.Equal(0, written);
        Assert.True(code.TryEncode(new char[200], out written));
        Assert.Equal(137, written);
        Assert.Equal(137, code.GetEncodedLength());
    }

    [Fact]
    public void Encode_BufferWriter_WritesAsciiBytes()
    {
        var writer = new ArrayBufferWriter<byte>();

        var written = BrCode.Parse(Payloads.V4).Encode(writer);

        Assert.Equal(Payloads.V4.Length, written);
        Assert.Equal(Payloads.V4, Encoding.ASCII.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void Crc_CheckValue_Is29B1()
    {
        // pix-api.md §5.3: check value of CRC-16/CCITT-FALSE over "123456789" (renatomb/php_qrcode_pix#15).
        Assert.Equal(0x29B1, Internal.Crc16.Compute("123456789"));
        Assert.Equal(0x29B1, Internal.Crc16.Compute("123456789"u8));
    }

    [Fact]
    public void Crc_SlicedAndBytewise_AgreeForEveryLength()
    {
        var random = new Random(42);
        for (var length = 0; length < 200; length++)
        {
            var text = new string(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x20, 0x7F)).ToArray());

            Assert.Equal(Payloads.Crc(text), Internal.Crc16.Compute(text));
            Assert.Equal(Payloads.Crc(text), Internal.Crc16.Compute(Encoding.ASCII.GetBytes(text)));
        }
    }
}
