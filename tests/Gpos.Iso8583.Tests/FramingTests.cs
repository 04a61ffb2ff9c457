using System.Buffers;
using static Gpos.Iso8583.Tests.TestMessages;

namespace Gpos.Iso8583.Tests;

public sealed class FramingTests
{
    [Fact]
    public void WriteFrame_Message_PrefixesBigEndianLength()
    {
        var writer = new ArrayBufferWriter<byte>();
        var message = Iso8583Message.Unpack(Ascii("01007000000000000000164242424242424242123456000000000100"));

        FrameWriter.WriteFrame(writer, message);

        Assert.Equal(new byte[] { 0x00, 56 }, writer.WrittenSpan[..2].ToArray());
        Assert.Equal(58, writer.WrittenCount);
    }

    [Fact]
    public void TryReadFrame_TwoFramesSplitAcrossSegments_ReturnsBothThenNeedsMoreData()
    {
        byte[] one = FrameWriter.ToFrame(Financial0200());
        byte[] two = FrameWriter.ToFrame(Iso8583Message.Unpack(Ascii("0800822000000000000004000000000000000623085400000002301")));
        byte[] stream = [.. one, .. two, 0x00];
        var buffer = Segmented(stream, 7);

        Assert.Equal(OperationStatus.Done, FrameReader.Default.TryReadFrame(ref buffer, out var first));
        Assert.Equal(OperationStatus.Done, FrameReader.Default.TryReadFrame(ref buffer, out var second));
        Assert.Equal(OperationStatus.NeedMoreData, FrameReader.Default.TryReadFrame(ref buffer, out _));

        Assert.Equal(Pan, Iso8583Message.Unpack(first).Pan2);
        Assert.Equal("301", Iso8583Message.Unpack(second).NetworkMgmtCode70);
        Assert.Equal(1, buffer.Length);
    }

    [Fact]
    public void TryReadFrame_ZeroLengthKeepAlive_IsSkipped()
    {
        byte[] frame = FrameWriter.ToFrame(Financial0200());
        var buffer = new ReadOnlySequence<byte>([0x00, 0x00, .. frame]);

        Assert.Equal(OperationStatus.Done, FrameReader.Default.TryReadFrame(ref buffer, out var payload));
        Assert.Equal(frame.Length - 2, payload.Length);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryReadFrame_HeaderOnly_NeedsMoreData()
    {
        var buffer = new ReadOnlySequence<byte>([0x01]);

        Assert.Equal(OperationStatus.NeedMoreData, FrameReader.Default.TryReadFrame(ref buffer, out _));
        Assert.Equal(1, buffer.Length);
    }

    [Fact]
    public void Constructor_MaxFrameSizeAbove65535_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameReader(70_000));
    }

    private static ReadOnlySequence<byte> Segmented(byte[] data, int size)
    {
        Segment? first = null;
        Segment? last = null;
        for (int i = 0; i < data.Length; i += size)
        {
            var memory = data.AsMemory(i, Math.Min(size, data.Length - i));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
