using Gpos.BuildingBlocks.Logging;
using Gpos.Testing;
using Serilog;

namespace Gpos.BuildingBlocks.Tests;

/// <summary>No PAN, track data, PIN block, CVV or EMV data reaches a log sink, whichever way it is logged.</summary>
public sealed class CardDataMaskingTests
{
    private const string Pan = "5555555555554444";

    [Theory]
    [InlineData("4111111111111111", "411111******1111")]
    [InlineData("6011000990139424", "601100******9424")]
    [InlineData("4000056655665556123", "400005*********6123")]
    public void MaskPan_ValidLengths_KeepsBinAndLastFour(string pan, string expected) =>
        Assert.Equal(expected, CardDataMasker.MaskPan(pan));

    [Theory]
    [InlineData("")]
    [InlineData("123456789012")]
    [InlineData("12345678901234567890")]
    public void MaskPan_ImplausibleLength_RedactsEverything(string pan) =>
        Assert.Equal(CardDataMasker.Redacted, CardDataMasker.MaskPan(pan));

    [Fact]
    public void MaskText_LuhnValidRun_IsMasked_OtherNumbersAreNot()
    {
        var text = $"card {Pan} order 1234567890123 ts 20261122";

        var masked = CardDataMasker.MaskText(text);

        Assert.Equal("card 555555******4444 order 1234567890123 ts 20261122", masked);
    }

    [Fact]
    public void MaskText_Track2Equivalent_IsRedacted()
    {
        var masked = CardDataMasker.MaskText($"track ;{Pan}=29121010000012300000?");

        Assert.DoesNotContain("5555555555554444", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("2912101", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Logger_ScalarsStructuresAndText_AllMasked()
    {
        var sink = new LogCapture();
        using var logger = new LoggerConfiguration()
            .Destructure.With<CardDataDestructuringPolicy>()
            .Enrich.With<CardDataMaskingEnricher>()
            .WriteTo.Sink(sink)
            .CreateLogger();

        logger.Information("Authorizing {Pan} with {Track2} {PinBlock} {Cvv} {De55}", Pan, $"{Pan}=2912101", "0412AC89F1E2D3C4", "123", "9F02060000000010009F2608AABBCCDD");
        logger.Information("Request {@Request}", new CardRequest(Pan, "2912", $"{Pan}=2912101", "123", "9F0206000000001000"));
        logger.Information("Free text mentions {Note}", $"customer read {Pan} aloud");
        logger.Information("Nested {@Batch}", new { Items = new[] { new { Note = Pan } } });

        var all = sink.All;
        Assert.DoesNotContain(Pan, all, StringComparison.Ordinal);
        Assert.DoesNotContain("2912101", all, StringComparison.Ordinal);
        Assert.DoesNotContain("0412AC89F1E2D3C4", all, StringComparison.Ordinal);
        Assert.DoesNotContain("9F0206", all, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Cvv\":\"123\"", all, StringComparison.Ordinal);
        Assert.Contains("555555******4444", all, StringComparison.Ordinal);
        Assert.Equal(4, sink.Lines.Count);
    }

    [Fact]
    public void Logger_NothingSensitive_LeavesEventUntouched()
    {
        var sink = new LogCapture();
        using var logger = new LoggerConfiguration().Enrich.With<CardDataMaskingEnricher>().WriteTo.Sink(sink).CreateLogger();

        logger.Information("Charge {Txid} for {Amount} centavos", "abc123", 1050L);

        Assert.Contains("\"Txid\":\"abc123\"", sink.All, StringComparison.Ordinal);
        Assert.Contains("\"Amount\":1050", sink.All, StringComparison.Ordinal);
    }

    private sealed record CardRequest(string Pan, string Expiry, string Track2, string Cvv, string EmvData);
}
