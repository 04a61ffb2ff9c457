using System.Buffers;
using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

public sealed class ReaderTests
{
    [Fact]
    public void Read_Moov0100_YieldsFieldsAsSpansIntoTheInput()
    {
        byte[] image = Ascii("01007000000000000000164242424242424242123456000000000100");
        var fields = new List<(Field Field, int Offset, string Value)>();

        var reader = new Iso8583Reader(image, IsoMessageSpec.Iso87Ascii);
        while (reader.Read())
        {
            fields.Add((reader.Field, reader.ValueOffset, Ascii(reader.ValueSpan)));
        }

        Assert.False(reader.HasError);
        Assert.Equal(Mti.AuthorizationRequest, reader.Mti);
        Assert.Equal(
            [(Field.Pan2, 22, "4242424242424242"), (Field.ProcessingCode3, 38, "123456"), (Field.AmountTransaction4, 44, "000000000100")],
            fields);
    }

    [Fact]
    public void TryUnpack_MultiSegmentSequence_Unpacks()
    {
        byte[] image = Financial0200().Pack();
        var first = new Chunk(image.AsMemory(0, 50), 0);
        var last = first.Append(image.AsMemory(50));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        Assert.True(Iso8583Message.TryUnpack(sequence, IsoMessageSpec.Iso87Ascii, out var message, out _));
        Assert.Equal(Pan, message.Pan2);
    }

    [Fact]
    public void TryUnpack_BitmapOnlyThenTrailingBytes_ReportsBitmapField()
    {
        Assert.False(Iso8583Message.TryUnpack(Ascii("0800" + "0000000000000000" + "X"), null, out _, out var error));
        Assert.Equal(new Iso8583Error(Iso8583ErrorKind.TrailingBytes, 1, 20), error);
    }

    [Fact]
    public void GetString_LowerCaseHexOnWire_ReturnsUpperCase()
    {
        var message = Iso8583Message.Unpack(Ascii("0100" + "0000000000001000" + "0123456789abcdef"));

        Assert.Equal("0123456789ABCDEF", message.GetString(Field.PinBlock52));
        Assert.Equal(Convert.FromHexString("0123456789ABCDEF"), message.GetPinBlock52());
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Chunk Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Chunk(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
