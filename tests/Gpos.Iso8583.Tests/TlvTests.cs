using System.Buffers;
using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

/// <summary>BER-TLV per EMV Book 3 Annex B; tags from EMV Book 3 Annex A.</summary>
public sealed class TlvTests
{
    [Fact]
    public void Read_IccData_YieldsTagsInOrder()
    {
        var tags = new List<uint>();
        var reader = new TlvReader(Icc);
        while (reader.Read())
        {
            tags.Add(reader.Tag);
        }

        Assert.False(reader.HasError);
        Assert.Equal(
            [
                EmvTag.AmountAuthorised9F02, EmvTag.ApplicationCryptogram9F26, EmvTag.ApplicationInterchangeProfile82,
                EmvTag.TerminalVerificationResults95, EmvTag.ApplicationTransactionCounter9F36,
                EmvTag.TransactionCurrencyCode5F2A, EmvTag.TransactionDate9A, EmvTag.TransactionType9C,
                EmvTag.UnpredictableNumber9F37, EmvTag.IssuerApplicationData9F10,
            ],
            tags);
    }

    [Fact]
    public void TryFind_Cryptogram_ReturnsValue()
    {
        Assert.True(TlvReader.TryFind(Icc, EmvTag.ApplicationCryptogram9F26, out var value));
        Assert.Equal(Convert.FromHexString("1122334455667788"), value.ToArray());
    }

    [Fact]
    public void Write_LongValue_UsesLongFormLength()
    {
        var writer = new ArrayBufferWriter<byte>();
        byte[] value = new byte[200];

        TlvWriter.Write(writer, EmvTag.IssuerApplicationData9F10, value);

        Assert.Equal(Convert.FromHexString("9F1081C8"), writer.WrittenSpan[..4].ToArray());
        var reader = new TlvReader(writer.WrittenSpan);
        Assert.True(reader.Read());
        Assert.Equal(200, reader.ValueLength);
    }

    [Fact]
    public void Write_AllIccTags_ReproducesIccBytes()
    {
        var writer = new ArrayBufferWriter<byte>();
        var reader = new TlvReader(Icc);
        while (reader.Read())
        {
            TlvWriter.Write(writer, reader.Tag, reader.Value);
        }

        Assert.Equal(Icc, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Read_ConstructedTemplate_ReadsNestedObjects()
    {
        byte[] script = Convert.FromHexString("7207" + "9F1804" + "00000001");
        var reader = new TlvReader(script);

        Assert.True(reader.Read());
        Assert.True(reader.IsConstructed);
        var inner = new TlvReader(reader.Value);
        Assert.True(inner.Read());
        Assert.Equal(0x9F18u, inner.Tag);
    }

    [Theory]
    [InlineData("9F", 1)]            // tag continuation missing
    [InlineData("9F02", 2)]          // length missing
    [InlineData("9F020600", 2)]      // value shorter than length
    [InlineData("9F0280", 2)]        // indefinite length form (not allowed in EMV)
    [InlineData("9F0284FFFFFFFF", 2)] // 4 length bytes
    [InlineData("9F028101", 2)]      // long-form length announcing a missing value
    [InlineData("1FFFFFFF0100", 0)]  // tag longer than 4 bytes
    public void Read_MalformedTlv_ReportsInvalidTlvWithOffset(string hex, int offset)
    {
        var reader = new TlvReader(Convert.FromHexString(hex));
        while (reader.Read())
        {
        }

        Assert.True(reader.HasError);
        Assert.Equal(Iso8583ErrorKind.InvalidTlv, reader.Error.Kind);
        Assert.Equal(55, reader.Error.FieldNumber);
        Assert.Equal(offset, reader.Error.Offset);
    }

    [Fact]
    public void Write_InvalidTag_Throws()
    {
        Assert.Throws<ArgumentException>(() => TlvWriter.Write(new ArrayBufferWriter<byte>(), 0x9F, [1]));
    }
}
