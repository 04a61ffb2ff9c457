using System.Buffers;
using System.Buffers.Binary;

namespace Gpos.Iso8583;

/// <summary>Packing: MTI, bitmaps (secondary only when a field above 64 is present), then prefixed fields.</summary>
public sealed partial class Iso8583Message
{
    /// <summary>The packed length in bytes (without a frame header).</summary>
    /// <returns>The length.</returns>
    public int GetPackedLength()
    {
        int length = _spec.MtiWireLength + (_spec.BitmapWireLength * (_secondary != 0 ? 2 : 1));
        for (int f = NextField(2); f != 0; f = NextField(f + 1))
        {
            var definition = _spec.GetDefinition((Field)f)!;
            length += definition.PrefixWireLength + definition.WireLength((int)(_slots[f] & 0xFFFF));
        }

        return length;
    }

    /// <summary>Packs into a span.</summary>
    /// <param name="destination">Destination; at least <see cref="GetPackedLength"/> bytes.</param>
    /// <param name="bytesWritten">Bytes written.</param>
    /// <returns>False when the destination is too small.</returns>
    public bool TryPack(Span<byte> destination, out int bytesWritten)
    {
        int length = GetPackedLength();
        if (destination.Length < length)
        {
            bytesWritten = 0;
            return false;
        }

        PackCore(destination);
        bytesWritten = length;
        return true;
    }

    /// <summary>Packs into a span.</summary>
    /// <param name="destination">Destination; at least <see cref="GetPackedLength"/> bytes.</param>
    /// <returns>Bytes written.</returns>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public int Pack(Span<byte> destination)
    {
        if (!TryPack(destination, out int written))
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        return written;
    }

    /// <summary>Packs into a buffer writer (e.g. a <c>PipeWriter</c>).</summary>
    /// <param name="writer">The writer.</param>
    public void Pack(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int length = GetPackedLength();
        var span = writer.GetSpan(length);
        PackCore(span);
        writer.Advance(length);
    }

    /// <summary>Packs into a new array.</summary>
    /// <returns>The packed message.</returns>
    public byte[] Pack()
    {
        byte[] bytes = new byte[GetPackedLength()];
        PackCore(bytes);
        return bytes;
    }

    private void PackCore(Span<byte> destination)
    {
        int position;
        if (_spec.MtiEncoding == MtiEncoding.Ascii)
        {
            Mti.WriteAscii(destination);
            position = 4;
        }
        else
        {
            int value = Mti.Value;
            destination[0] = (byte)((((value / 1000) % 10) << 4) | ((value / 100) % 10));
            destination[1] = (byte)((((value / 10) % 10) << 4) | (value % 10));
            position = 2;
        }

        ulong primary = _secondary != 0 ? _primary | (1UL << 63) : _primary;
        position += WriteBitmap(primary, destination[position..]);
        if (_secondary != 0)
        {
            position += WriteBitmap(_secondary, destination[position..]);
        }

        for (int f = NextField(2); f != 0; f = NextField(f + 1))
        {
            var definition = _spec.GetDefinition((Field)f)!;
            uint slot = _slots[f];
            int units = (int)(slot & 0xFFFF);
            if (definition.LengthKind != LengthKind.Fixed)
            {
                WireCodec.WritePrefix(definition, definition.PrefixValue(units), destination[position..]);
                position += definition.PrefixWireLength;
            }

            int wireLength = definition.WireLength(units);
            Store.Slice((int)(slot >> 16), wireLength).CopyTo(destination[position..]);
            position += wireLength;
        }
    }

    private int WriteBitmap(ulong bitmap, Span<byte> destination)
    {
        if (_spec.BitmapEncoding == BitmapEncoding.Binary)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, bitmap);
            return 8;
        }

        Span<byte> raw = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(raw, bitmap);
        WireCodec.EncodeHex(raw, destination);
        return 16;
    }
}
