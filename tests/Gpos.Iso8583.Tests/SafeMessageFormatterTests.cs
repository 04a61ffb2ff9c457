using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

/// <summary>PCI DSS 4.0.1 Req. 3.4.1 (BIN + last 4) and 3.3.1 (no SAD in logs); iso8583.md §8.</summary>
public sealed class SafeMessageFormatterTests
{
    [Fact]
    public void Format_Financial0200_MasksPanAndHidesCardData()
    {
        var message = Financial0200();
        message.SetPinBlock52(Convert.FromHexString("0123456789ABCDEF"));
        message.SetString(Field.Track1_45, "B4111111111111111^TEST/CARD^2812201");

        string text = SafeMessageFormatter.Format(message);

        Assert.StartsWith("0200 DE2=411111******1111 DE3=003000 DE4=000000001000", text, StringComparison.Ordinal);
        Assert.Contains("DE35=[hidden 36]", text, StringComparison.Ordinal);
        Assert.Contains("DE45=[hidden 35]", text, StringComparison.Ordinal);
        Assert.Contains("DE52=[hidden 8]", text, StringComparison.Ordinal);
        Assert.Contains("DE55=[hidden 60]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Pan, text, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789ABCDEF", text, StringComparison.Ordinal);
        Assert.DoesNotContain("9F26", text, StringComparison.Ordinal);
        Assert.Equal(text, message.ToString());
    }

    [Fact]
    public void Format_FieldMarkedSensitiveBySpec_HidesIt()
    {
        var spec = IsoMessageSpec.Iso87Ascii.WithSensitiveFields(Field.AdditionalDataPrivate48);
        var message = new Iso8583Message(Mti.FinancialRequest, spec) { AdditionalDataPrivate48 = "CVV2=123" };

        Assert.Equal("0200 DE48=[hidden 8]", SafeMessageFormatter.Format(message));
    }

    [Fact]
    public void Format_BinarySpecPan_MasksPan()
    {
        var message = new Iso8583Message(Mti.FinancialRequest, IsoMessageSpec.Iso87Binary) { Pan2 = "5555555555554444" };

        Assert.Equal("0200 DE2=555555******4444", message.ToString());
    }

    [Theory]
    [InlineData("4111111111111111", "411111******1111")]
    [InlineData("4111111111111111111", "411111*********1111")]
    [InlineData("1234567890", "**********")]
    public void MaskPan_Pan_KeepsBinAndLastFour(string pan, string expected)
    {
        Assert.Equal(expected, SafeMessageFormatter.MaskPan(pan.AsSpan()));
    }

    [Fact]
    public void Format_ControlCharactersInText_AreReplaced()
    {
        var message = new Iso8583Message(Mti.FinancialRequest) { AdditionalDataPrivate48 = "a\nb" };

        Assert.Equal("0200 DE48=a.b", message.ToString());
    }
}
