using System.Buffers;

namespace Gpos.Iso8583;

/// <summary>Low-level wire helpers: digit, hex and BCD checks and conversions. All pure, all span-based.</summary>
internal static class WireCodec
{
    private static readonly SearchValues<byte> TrackAscii = SearchValues.Create("0123456789=D"u8);
    private static readonly SearchValues<byte> HexAscii = SearchValues.Create("0123456789ABCDEFabcdef"u8);

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>Returns the index of the first byte outside the field's code set, or -1.</summary>
    public static int FindInvalid(FieldDefinition definition, ReadOnlySpan<byte> wire, int units)
    {
        switch (definition.Encoding)
        {
            case FieldEncoding.Ascii:
                return definition.Type switch
                {
                    FieldType.Numeric => wire.IndexOfAnyExceptInRange((byte)'0', (byte)'9'),
                    FieldType.Track => wire.IndexOfAnyExcept(TrackAscii),
                    FieldType.SignedAmount => FindInvalidAmount(wire),
                    _ => -1,
                };
            case FieldEncoding.AsciiHex:
                return wire.IndexOfAnyExcept(HexAscii);
            case FieldEncoding.Bcd:
                return FindInvalidBcd(wire, units, definition.LengthKind == LengthKind.Fixed, definition.Type == FieldType.Track);
            default:
                return -1;
        }
    }

    private static int FindInvalidAmount(ReadOnlySpan<byte> wire)
    {
        if (wire.Length == 0 || (wire[0] != (byte)'C' && wire[0] != (byte)'D'))
        {
            return 0;
        }

        int index = wire[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return index < 0 ? -1 : index + 1;
    }

    private static int FindInvalidBcd(ReadOnlySpan<byte> wire, int units, bool leftPadded, bool track)
    {
        int skip = units % 2 == 1 && leftPadded ? 1 : 0;
        for (int nibble = skip; nibble < units + skip; nibble++)
        {
            int b = wire[nibble >> 1];
            int digit = (nibble & 1) == 0 ? b >> 4 : b & 0xF;
            if (digit > 9 && !(track && digit == 0xD))
            {
                return nibble >> 1;
            }
        }

        return -1;
    }

    /// <summary>Hex digit values by byte; 0xFF for non-hex bytes.</summary>
    private static ReadOnlySpan<byte> HexTable =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ];

    public static int HexValue(byte c)
    {
        int value = HexTable[c];
        return value == 0xFF ? -1 : value;
    }

    public static int HexValue(char c) => c <= 0x7F ? HexValue((byte)c) : -1;

    /// <summary>Decodes validated hex text into bytes.</summary>
    public static void DecodeHex(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)((HexValue(hex[2 * i]) << 4) | HexValue(hex[(2 * i) + 1]));
        }
    }

    public static void EncodeHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = HexDigits[bytes[i] >> 4];
            destination[(2 * i) + 1] = HexDigits[bytes[i] & 0xF];
        }
    }

    public static void EncodeHex(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (char)HexDigits[bytes[i] >> 4];
            destination[(2 * i) + 1] = (char)HexDigits[bytes[i] & 0xF];
        }
    }

    /// <summary>Decodes a field's wire value to characters (digits/text/hex). Returns the number of characters.</summary>
    public static int DecodeToChars(FieldDefinition definition, ReadOnlySpan<byte> wire, int units, Span<char> destination)
    {
        switch (definition.Encoding)
        {
            case FieldEncoding.Bcd:
                int skip = units % 2 == 1 && definition.LengthKind == LengthKind.Fixed ? 1 : 0;
                for (int i = 0; i < units; i++)
                {
                    int nibble = i + skip;
                    int b = wire[nibble >> 1];
                    int digit = (nibble & 1) == 0 ? b >> 4 : b & 0xF;
                    destination[i] = digit == 0xD ? '=' : (char)('0' + digit);
                }

                return units;
            case FieldEncoding.Binary:
                EncodeHex(wire, destination);
                return wire.Length * 2;
            default:
                for (int i = 0; i < wire.Length; i++)
                {
                    destination[i] = (char)wire[i];
                }

                return wire.Length;
        }
    }

    public static int MaxCharLength(FieldDefinition definition) =>
        definition.Type == FieldType.Binary ? definition.MaxLength * 2 : definition.MaxLength;

    /// <summary>Writes an ASCII or BCD length prefix.</summary>
    public static void WritePrefix(FieldDefinition definition, int value, Span<byte> destination)
    {
        if (definition.PrefixEncoding == PrefixEncoding.Ascii)
        {
            for (int i = definition.PrefixDigits - 1; i >= 0; i--)
            {
                destination[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }
        else if (definition.LengthKind == LengthKind.LL)
        {
            destination[0] = (byte)(((value / 10) << 4) | (value % 10));
        }
        else
        {
            destination[0] = (byte)(value / 100);
            destination[1] = (byte)((((value / 10) % 10) << 4) | (value % 10));
        }
    }

    /// <summary>Reads an ASCII or BCD length prefix; returns -1 - (index of the bad byte) when invalid.</summary>
    public static int ReadPrefix(FieldDefinition definition, ReadOnlySpan<byte> source)
    {
        int value = 0;
        if (definition.PrefixEncoding == PrefixEncoding.Ascii)
        {
            for (int i = 0; i < definition.PrefixDigits; i++)
            {
                int digit = source[i] - '0';
                if ((uint)digit > 9)
                {
                    return -1 - i;
                }

                value = (value * 10) + digit;
            }

            return value;
        }

        for (int i = 0; i < definition.PrefixWireLength; i++)
        {
            int high = source[i] >> 4;
            int low = source[i] & 0xF;
            if (high > 9 || low > 9)
            {
                return -1 - i;
            }

            value = (value * 100) + (high * 10) + low;
        }

        return value;
    }
}
