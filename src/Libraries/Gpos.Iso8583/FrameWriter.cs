using System.Buffers;
using System.Buffers.Binary;

namespace Gpos.Iso8583;

/// <summary>Writes frames with a 2-byte big-endian length header (the header does not count itself).</summary>
public static class FrameWriter
{
    /// <summary>Packs a message as one frame into a buffer writer (e.g. a <c>PipeWriter</c>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="Iso8583Exception">The message is larger than 65535 bytes.</exception>
    public static void WriteFrame(IBufferWriter<byte> writer, Iso8583Message message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        int length = message.GetPackedLength();
        CheckLength(length);
        var span = writer.GetSpan(FrameReader.HeaderLength + length);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)length);
        message.Pack(span.Slice(FrameReader.HeaderLength, length));
        writer.Advance(FrameReader.HeaderLength + length);
    }

    /// <summary>Writes an already packed message as one frame.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="payload">The packed message.</param>
    /// <exception cref="Iso8583Exception">The payload is larger than 65535 bytes.</exception>
    public static void WriteFrame(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckLength(payload.Length);
        var span = writer.GetSpan(FrameReader.HeaderLength + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)payload.Length);
        payload.CopyTo(span[FrameReader.HeaderLength..]);
        writer.Advance(FrameReader.HeaderLength + payload.Length);
    }

    /// <summary>Packs a message as one frame into a new array.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Header and message.</returns>
    public static byte[] ToFrame(Iso8583Message message)
    {
        var writer = new ArrayBufferWriter<byte>();
        WriteFrame(writer, message);
        return writer.WrittenSpan.ToArray();
    }

    private static void CheckLength(int length)
    {
        if (length > ushort.MaxValue)
        {
            ThrowHelper.Throw(new Iso8583Error(Iso8583ErrorKind.FrameTooLarge, -1, -1));
        }
    }
}
