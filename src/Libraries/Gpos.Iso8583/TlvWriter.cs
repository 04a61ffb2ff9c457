using System.Buffers;

namespace Gpos.Iso8583;

/// <summary>BER-TLV writer for EMV ICC data (DE55): minimal-length encoding (short form below 128, then 81/82/83).</summary>
public static class TlvWriter
{
    /// <summary>The encoded size of one object.</summary>
    /// <param name="tag">The tag, e.g. 0x9F02.</param>
    /// <param name="valueLength">The value length.</param>
    /// <returns>Bytes needed.</returns>
    public static int GetEncodedLength(uint tag, int valueLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valueLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(valueLength, 0xFFFFFF);
        int lengthBytes = valueLength switch
        {
            < 0x80 => 1,
            <= 0xFF => 2,
            <= 0xFFFF => 3,
            _ => 4,
        };
        return TagLength(tag) + lengthBytes + valueLength;
    }

    /// <summary>Writes one object to a span.</summary>
    /// <param name="destination">Destination.</param>
    /// <param name="tag">The tag, e.g. <see cref="EmvTag.AmountAuthorised9F02"/>.</param>
    /// <param name="value">The value.</param>
    /// <returns>Bytes written.</returns>
    /// <exception cref="ArgumentException">The destination is too small or the tag is not a valid BER tag.</exception>
    public static int Write(Span<byte> destination, uint tag, ReadOnlySpan<byte> value)
    {
        int total = GetEncodedLength(tag, value.Length);
        if (destination.Length < total)
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        int tagLength = TagLength(tag);
        for (int i = 0; i < tagLength; i++)
        {
            destination[i] = (byte)(tag >> (8 * (tagLength - 1 - i)));
        }

        int position = tagLength;
        int length = value.Length;
        if (length < 0x80)
        {
            destination[position++] = (byte)length;
        }
        else
        {
            int count = length <= 0xFF ? 1 : length <= 0xFFFF ? 2 : 3;
            destination[position++] = (byte)(0x80 | count);
            for (int i = count - 1; i >= 0; i--)
            {
                destination[position++] = (byte)(length >> (8 * i));
            }
        }

        value.CopyTo(destination[position..]);
        return total;
    }

    /// <summary>Writes one object to a buffer writer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="tag">The tag.</param>
    /// <param name="value">The value.</param>
    public static void Write(IBufferWriter<byte> writer, uint tag, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int total = GetEncodedLength(tag, value.Length);
        Write(writer.GetSpan(total), tag, value);
        writer.Advance(total);
    }

    private static int TagLength(uint tag)
    {
        int length = tag switch
        {
            <= 0xFF => 1,
            <= 0xFFFF => 2,
            <= 0xFFFFFF => 3,
            _ => 4,
        };

        // BER: a multi-byte tag starts with low bits 11111, its middle bytes have bit 8 set and its last byte does not.
        byte first = (byte)(tag >> (8 * (length - 1)));
        bool valid = length == 1
            ? (first & 0x1F) != 0x1F
            : (first & 0x1F) == 0x1F && (tag & 0x80) == 0 && MiddleBytesContinue(tag, length);
        if (!valid)
        {
            throw new ArgumentException("Not a valid BER-TLV tag.", nameof(tag));
        }

        return length;
    }

    private static bool MiddleBytesContinue(uint tag, int length)
    {
        for (int i = 1; i < length - 1; i++)
        {
            if (((tag >> (8 * (length - 1 - i))) & 0x80) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
