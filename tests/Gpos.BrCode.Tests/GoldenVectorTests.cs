namespace Gpos.BrCode.Tests;

/// <summary>
/// Golden vectors from public sources. Every CRC below was re-checked with an independent CRC-16/CCITT-FALSE.
/// Sources:
/// [SPEC6] /work/shared/specs/pix-api.md §6 (V1, V4, X1, X2).
/// [BACEN79] bacen/pix-api#79: the BCB maintainer quoting the Manual do BR Code example (V1).
/// [STONE] stone-payments/ex-pix-brcode, test/ex_pix_brcode/decoder_test.exs (commit 029b77e0): "BACEN example",
///         "examples from financial institutions (REDACTED FIELDS) - 2020-11-23", the amount variants, cobv, and
///         its invalid name/url/size/non-ASCII vectors.
/// [PIXUTILS] thalesog/pix-utils, test/parser.test.ts (static e-mail key with amount and infoAdicional) and
///            DYNAMIC_ONE_TIME_TEST_EMV (V4, via pix-api.md §6).
/// [X1] renatofrota/pix-pendencias#8; [X2] william-costa/wdev-qrcode-pix-php#5.
/// </summary>
public sealed class GoldenVectorTests
{
    [Fact]
    public void Parse_V1BcbManualExample_DecodesEveryField()
    {
        // [SPEC6] V1 = [BACEN79] = [STONE] "succeeds on BACEN example".
        var code = BrCode.Parse(Payloads.V1);

        Assert.Equal(137, Payloads.V1.Length);
        Assert.Equal(BrCodeKind.Static, code.Kind);
        Assert.Equal("01", code.PayloadFormatIndicator);
        Assert.Null(code.PointOfInitiation);
        Assert.Equal("br.gov.bcb.pix", code.Gui);
        Assert.Equal("123e4567-e12b-12d1-a456-426655440000", code.Key);
        Assert.Null(code.Url);
        Assert.Equal("0000", code.MerchantCategoryCode);
        Assert.Equal("986", code.CurrencyCode);
        Assert.Null(code.Amount);
        Assert.Equal("BR", code.CountryCode);
        Assert.Equal("Fulano de Tal", code.MerchantName);
        Assert.Equal("BRASILIA", code.MerchantCity);
        Assert.Equal("***", code.ReferenceLabel);
        Assert.Null(code.TxId);
        Assert.Equal(0x1D3D, code.Crc);
    }

    [Fact]
    public void Parse_V4DynamicOneTime_DecodesUrlAndPoi12()
    {
        // [SPEC6] V4 = [PIXUTILS] DYNAMIC_ONE_TIME_TEST_EMV.
        var code = BrCode.Parse(Payloads.V4);

        Assert.Equal(BrCodeKind.Dynamic, code.Kind);
        Assert.Equal(PointOfInitiationMethod.SingleUse, code.PointOfInitiation);
        Assert.Equal("payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e87", code.Url);
        Assert.Null(code.Key);
        Assert.Null(code.Amount);
        Assert.Equal("THALES OGLIARI", code.MerchantName);
        Assert.Equal("SAO MIGUEL DO O", code.MerchantCity);
        Assert.Equal("***", code.ReferenceLabel);
        Assert.Equal(0x2895, code.Crc);
    }

    [Theory]
    // [STONE] financial institutions 2020-11-23: dynamic, amount 0.01.
    [InlineData("00020101021226850014br.gov.bcb.pix2563exemplodeurl.com.br/pix/v2/11111111-1111-1111-1111-11111111111152040000530398654040.015802BR5925TESTE DE TESTE DO TESTEIE6014RIO DE JANEIRO62070503***6304CD52", BrCodeKind.Dynamic, 1L, "***")]
    // [STONE] same test: static with upper-case GUI and a 22-char txid.
    [InlineData("00020126580014BR.GOV.BCB.PIX013611111111-1111-1111-1111-11111111111152040000530398654040.015802BR5925TESTE DO TESTE DO TESTEIE6009SAO PAULO6226052211111111111111111111116304642D", BrCodeKind.Static, 1L, "1111111111111111111111")]
    // [STONE] same test: dynamic, amount 1.00.
    [InlineData("00020101021226850014br.gov.bcb.pix2563exemplodeurl2.com.br/qr/v2/11111111-1111-1111-1111-11111111111152040000530398654041.005802BR5925TESTE DO TESTE DO TESTEIE6009NOVA LIMA62070503***63040B0F", BrCodeKind.Dynamic, 100L, "***")]
    // [STONE] same test: static with postal code 61.
    [InlineData("00020126580014BR.GOV.BCB.PIX013611111111-1111-1111-1111-11111111111152040000530398654040.015802BR5925Teste do Teste do TesteIE6009SAO PAULO61081111111162160512NUgpnvaS87Ts6304760E", BrCodeKind.Static, 1L, "NUgpnvaS87Ts")]
    // [PIXUTILS] test/parser.test.ts: e-mail key, infoAdicional, amount 10.00.
    [InlineData("00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 123520400005303986540510.005802BR5914Thales Ogliari6002SC62070503***6304E5AB", BrCodeKind.Static, 1000L, "***")]
    public void TryParse_PublicValidVectors_IsValid(string payload, BrCodeKind kind, long? amount, string referenceLabel)
    {
        var result = BrCode.TryParse(payload);

        Assert.True(result.IsValid, string.Join(" | ", result.Violations));
        Assert.Equal(kind, result.Code!.Kind);
        Assert.Equal(amount, result.Code.Amount);
        Assert.Equal(referenceLabel, result.Code.ReferenceLabel);
        Assert.True(BrCode.Validate(payload).IsValid);
    }

    [Fact]
    public void Parse_StoneCobvDueDateVector_IsDynamicWithoutPoi()
    {
        // [STONE] "dynamic_payment_with_due_date": 26-25 holds a 77-char cobv url, no tag 01.
        var code = BrCode.Parse("00020126990014br.gov.bcb.pix2577qr-h.sandbox.pix.bcb.gov.br/rest/api/v2/cobv/9b95a87c10a84d65bcbf55a48a2e50c85204000053039865802BR5903Pix6008BRASILIA62070503***63048ECF");

        Assert.Equal(BrCodeKind.Dynamic, code.Kind);
        Assert.Null(code.PointOfInitiation);
        Assert.Equal(77, code.Url!.Length);
        Assert.Contains("/cobv/", code.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StoneUpperCaseGuiWithInfo_KeepsGuiAsWritten()
    {
        // [STONE] "free text on reference_label": amount "100" (no decimals) is valid only in lenient mode.
        const string payload = "00020126490014BR.GOV.BCB.PIX0111111111111110212Vacina covid52040000530398654031005802BR5904CARL6010SAN.FIERRO62100506b4b4c46304040C";

        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidAmount, "54");
        var code = BrCode.Parse(payload, BrCodeParseOptions.Tolerant);
        Assert.Equal("BR.GOV.BCB.PIX", code.Gui);
        Assert.Equal("11111111111", code.Key);
        Assert.Equal("Vacina covid", code.AdditionalInfo);
        Assert.Equal("b4b4c4", code.TxId);
        Assert.Equal(10000L, code.Amount);
    }

    [Theory]
    // [STONE] amount variants "10", "10." and "0.9" (accepted by Stone; many PSPs reject them, bacen/pix-api#318).
    [InlineData("00020126490014BR.GOV.BCB.PIX0111111111111110212Vacina covid5204000053039865402105802BR5904CARL6010SAN.FIERRO62090505o1ab46304970D", 1000L)]
    [InlineData("00020126490014BR.GOV.BCB.PIX0111111111111110212Vacina covid520400005303986540310.5802BR5904CARL6010SAN.FIERRO62100506b4b4c463049878", 1000L)]
    [InlineData("00020126490014BR.GOV.BCB.PIX0111111111111110212Vacina covid52040000530398654030.95802BR5904CARL6010SAN.FIERRO62100506b4b4c463044D69", 90L)]
    public void TryParse_StoneAmountWithoutTwoDecimals_ErrorStrictWarningLenient(string payload, long centavos)
    {
        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidAmount, "54", 74);
        var lenient = ViolationAssert.IsValidWithWarning(payload, BrCodeViolationReason.InvalidAmount, "54", BrCodeParseOptions.Tolerant);
        Assert.Equal(centavos, lenient.Code!.Amount);
    }

    [Fact]
    public void TryParse_StoneDynamicWithTxId_ErrorStrictWarningLenient()
    {
        // [STONE] financial institutions: a dynamic code carrying a txid; BCB says dynamic must be *** (bacen/pix-api#190).
        const string payload = "00020101021226820014br.gov.bcb.pix2560exemplodeurl.com/pix/v2/11111111-1111-1111-1111-11111111111152040000530398654045.805802BR5925TESTE DO TESTE DO TESTEIE6014RIO DE JANEIRO622905251111111111111111111111111630449F9";

        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidTxId, "62-05");
        var lenient = ViolationAssert.IsValidWithWarning(payload, BrCodeViolationReason.InvalidTxId, "62-05", BrCodeParseOptions.Tolerant);
        Assert.Equal(580L, lenient.Code!.Amount);
    }

    [Fact]
    public void TryParse_StoneNameOf26Chars_ValueTooLongAt59()
    {
        // [STONE] "invalid format for merchant_name": 59 has 26 chars.
        ViolationAssert.HasError(
            "00020126830014br.gov.bcb.pix01364004901d-bd85-4769-8e52-cb4c42c506dc0221Jornada pagador 57768520400005303986540573.625802BR5926BANCOCENTRALDOBRASIL0003816008BRASILIA62080504oooo6304EFF5",
            BrCodeViolationReason.ValueTooLong, "59", 123);
    }

    [Fact]
    public void TryParse_StoneUrlWithScheme_UrlHasScheme()
    {
        // [STONE] "URL with protocol".
        ViolationAssert.HasError(
            "00020126990014br.gov.bcb.pix2577https://qr-h.sandbox.pix.bcb.gov.br/rest/api/v2/ac8ab4efe7db4200885f5ab3c34725204000053039865802BR5903Pix6008BRASILIA62070503***63041043",
            BrCodeViolationReason.UrlHasScheme, "26-25", 28);
    }

    [Fact]
    public void TryParse_StoneNonAsciiCity_InvalidCharacterAtItsOffset()
    {
        // [STONE] "can handle non-ascii characters": BRASÍLIA with a UTF-8 CRC (B4F6). We emit and accept ASCII only
        // (pix-api.md §5.4: avoids the chars-vs-bytes length ambiguity), so it is rejected at the Í.
        const string payload = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASÍLIA62070503***6304B4F6";
        var offset = payload.IndexOf('Í', StringComparison.Ordinal);

        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidCharacter, "(input)", offset);
        ViolationAssert.HasError(payload, BrCodeViolationReason.InvalidCharacter, "(input)", offset, BrCodeParseOptions.Tolerant);
    }

    [Fact]
    public void TryParse_StoneOversizeMultiScheme_InputTooLong()
    {
        // [STONE] "validate BRCode size": 513 chars with a matching CRC.
        const string payload = "00020104141234567890123426580014BR.GOV.BCB.PIX0136123e4567-e12b-12d1-a456-42665544000027300012BR.COM.OUTRO011001234567895204000053039865406123.455802BR5915NOMEDORECEBEDOR6008BRASILIA61087007490062530515RP123456789201950300017BR.GOV.BCB.PIX12301051.0.080450014BR.GOV.BCB.PIX0123PADRAO.URL.PIX/0123ABCD81390012BR.COM.OUTRO01190123.ABCD.3456.WXYZ8899009588888888888888888888888888888888888888888888888888888888888888888888888888888888888888888888888895500519090909090909090909090909090909090909090909090909096304ABE9";

        Assert.Equal(513, payload.Length);
        ViolationAssert.HasError(payload, BrCodeViolationReason.InputTooLong, "(input)", 512);
    }

    [Fact]
    public void Parse_MultiSchemeDerivedFromStone_KeepsOtherSchemesAsIs()
    {
        // Derived from the [STONE] oversize vector: templates 88 and 95 removed, CRC recomputed (fits in 512).
        var payload = Payloads.WithCrc("00020104141234567890123426580014BR.GOV.BCB.PIX0136123e4567-e12b-12d1-a456-42665544000027300012BR.COM.OUTRO011001234567895204000053039865406123.455802BR5915NOMEDORECEBEDOR6008BRASILIA61087007490062530515RP123456789201950300017BR.GOV.BCB.PIX12301051.0.080450014BR.GOV.BCB.PIX0123PADRAO.URL.PIX/0123ABCD81390012BR.COM.OUTRO01190123.ABCD.3456.WXYZ");

        var code = BrCode.Parse(payload);

        Assert.Equal(12345L, code.Amount);
        Assert.Equal("70074900", code.PostalCode);
        Assert.Equal("RP1234567892019", code.TxId);
        Assert.Equal([4, 27], code.OtherFields.Select(f => f.Tag));
        Assert.Equal("0012BR.COM.OUTRO01100123456789", code.OtherFields[1].Value);
        Assert.Equal([80, 81], code.UnreservedTemplates.Select(f => f.Tag));
        Assert.Equal([50], code.AdditionalDataFields.Select(f => f.Tag));
        Assert.Equal(payload, code.Encode());
    }

    [Fact]
    public void TryParse_X1BadCrc_CrcMismatchAt63()
    {
        // [SPEC6] X1 = [X1]: CRC 2275 replaced by 0000.
        const string payload = "00020126700014br.gov.bcb.pix0136403f6c37-bb1d-48aa-a61c-0f6a205764d80208[Pix.ae]5204000053039865802BR5903Pix6003Pix63040000";

        var error = ViolationAssert.HasError(payload, BrCodeViolationReason.CrcMismatch, "63", payload.Length - 8, BrCodeParseOptions.Tolerant);
        Assert.Equal(BrCodeSeverity.Error, error.Severity);
    }

    [Fact]
    public void TryParse_X1WithCorrectCrcButNoTag62_ValidOnlyLeniently()
    {
        var payload = Payloads.Recrc("00020126700014br.gov.bcb.pix0136403f6c37-bb1d-48aa-a61c-0f6a205764d80208[Pix.ae]5204000053039865802BR5903Pix6003Pix63040000");

        Assert.EndsWith("2275", payload, StringComparison.Ordinal);
        ViolationAssert.HasError(payload, BrCodeViolationReason.MissingTag, "62");
        ViolationAssert.IsValidWithWarning(payload, BrCodeViolationReason.MissingTag, "62", BrCodeParseOptions.Tolerant);
    }

    [Fact]
    public void TryParse_X2ThreeDigitCrc_LengthOverrunAt63()
    {
        // [SPEC6] X2 = [X2]: "6304EA9", the leading zero of 0EA9 is missing.
        const string payload = "00020126730014br.gov.bcb.pix0136e57b119f-3f91-4734-93f0-29d6a9c02b0a0211CestaLivres520400005303986540522.005802BR5913Milena Savini6009Sao Paulo622605221wDQuczihqxiuSkkkLu0aS6304EA9";

        ViolationAssert.HasError(payload, BrCodeViolationReason.LengthOverrun, "63", payload.Length - 7 + 2);
        ViolationAssert.HasError(payload, BrCodeViolationReason.LengthOverrun, "63", options: BrCodeParseOptions.Tolerant);
        Assert.True(BrCode.TryParse(payload[..^3] + "0EA9").IsValid);
    }
}
