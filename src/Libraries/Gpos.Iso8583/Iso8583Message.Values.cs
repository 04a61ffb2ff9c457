using System.Text;

namespace Gpos.Iso8583;

/// <summary>Generic field accessors: text, numbers and bytes, validated against the spec.</summary>
public sealed partial class Iso8583Message
{
    /// <summary>
    /// Sets a field from text. Numeric (n, z, x+n) values are zero-padded on the left and text (an, ans) values
    /// space-padded on the right to a fixed length; binary (b) fields take hex text. A value longer than its field is an
    /// error, never truncated.
    /// </summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="Iso8583Exception">Undefined field, value too long, or a character outside the field's code set.</exception>
    public void SetString(Field field, ReadOnlySpan<char> value)
    {
        var definition = RequireDefinition(field);
        if (definition.Type == FieldType.Binary)
        {
            SetHex(field, definition, value);
            return;
        }

        if (value.Length > definition.MaxLength)
        {
            ThrowHelper.Throw(Iso8583ErrorKind.ValueTooLong, field, definition.MaxLength);
        }

        int invalid = FindInvalidChar(definition, value);
        if (invalid >= 0)
        {
            var kind = definition.IsText ? Iso8583ErrorKind.InvalidCharacter : Iso8583ErrorKind.InvalidNumeric;
            ThrowHelper.Throw(kind, field, invalid);
        }

        int units = definition.LengthKind == LengthKind.Fixed ? definition.MaxLength : value.Length;
        var destination = Reserve(field, units, definition.WireLength(units));
        if (definition.Encoding == FieldEncoding.Bcd)
        {
            EncodeBcd(definition, value, destination);
        }
        else
        {
            EncodeAscii(definition, value, units, destination);
        }
    }

    /// <summary>Sets a numeric (n) field from a non-negative number, zero-padded to a fixed length.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The value (e.g. an amount in minor units).</param>
    /// <exception cref="Iso8583Exception">The number has more digits than the field.</exception>
    public void SetNumber(Field field, long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var definition = RequireDefinition(field);
        if (definition.Type != FieldType.Numeric)
        {
            ThrowHelper.ThrowWrongType(field, "numeric (n)");
        }

        Span<char> digits = stackalloc char[20];
        int length = 0;
        do
        {
            digits[length++] = (char)('0' + (value % 10));
            value /= 10;
        }
        while (value != 0);

        digits = digits[..length];
        digits.Reverse();
        SetString(field, digits);
    }

    /// <summary>Sets a binary (b) field from bytes; fixed-length fields need exactly their length.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The bytes.</param>
    /// <exception cref="Iso8583Exception">Wrong length.</exception>
    public void SetBytes(Field field, ReadOnlySpan<byte> value)
    {
        var definition = RequireDefinition(field);
        if (definition.Type != FieldType.Binary)
        {
            ThrowHelper.ThrowWrongType(field, "binary (b)");
        }

        CheckBinaryLength(field, definition, value.Length);
        var destination = Reserve(field, value.Length, definition.WireLength(value.Length));
        if (definition.Encoding == FieldEncoding.AsciiHex)
        {
            WireCodec.EncodeHex(value, destination);
        }
        else
        {
            value.CopyTo(destination);
        }
    }

    /// <summary>
    /// Returns a field as text, or null when absent: digits for n/z (leading zeros kept), text for an/ans (trailing pad
    /// spaces of fixed fields removed, as jPOS), upper-case hex for b.
    /// </summary>
    /// <param name="field">The field.</param>
    /// <returns>The text or null.</returns>
    public string? GetString(Field field)
    {
        if (!Has(field))
        {
            return null;
        }

        var definition = _spec.GetDefinition(field)!;
        var wire = RawSpan(field);
        if (definition.Encoding is FieldEncoding.Ascii or FieldEncoding.AsciiHex)
        {
            if (definition.IsText && definition.LengthKind == LengthKind.Fixed)
            {
                wire = wire.TrimEnd((byte)' ');
            }

            string text = Encoding.Latin1.GetString(wire);
            return definition.Encoding == FieldEncoding.AsciiHex ? text.ToUpperInvariant() : text;
        }

        Span<char> chars = stackalloc char[WireCodec.MaxCharLength(definition)];
        int count = WireCodec.DecodeToChars(definition, wire, UnitsOf(field), chars);
        return new string(chars[..count]);
    }

    /// <summary>Reads a numeric (n) field of up to 18 digits as a number.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The number.</param>
    /// <returns>False when absent, not numeric or too long for a <see cref="long"/>.</returns>
    public bool TryGetInt64(Field field, out long value)
    {
        value = 0;
        var definition = _spec.GetDefinition(field);
        if (definition is null || definition.Type != FieldType.Numeric || !Has(field) || UnitsOf(field) > 18)
        {
            return false;
        }

        Span<char> digits = stackalloc char[18];
        int count = WireCodec.DecodeToChars(definition, RawSpan(field), UnitsOf(field), digits);
        foreach (char c in digits[..count])
        {
            value = (value * 10) + (c - '0');
        }

        return count > 0;
    }

    /// <summary>Returns a binary (b) field's bytes, or null when absent.</summary>
    /// <param name="field">The field.</param>
    /// <returns>A new array or null.</returns>
    public byte[]? GetBytes(Field field)
    {
        if (!Has(field))
        {
            return null;
        }

        byte[] bytes = new byte[BinaryLength(field)];
        TryCopyBytes(field, bytes, out _);
        return bytes;
    }

    /// <summary>Copies a binary (b) field's bytes without allocating.</summary>
    /// <param name="field">The field.</param>
    /// <param name="destination">Where to copy.</param>
    /// <param name="bytesWritten">Bytes copied.</param>
    /// <returns>False when absent or the destination is too small.</returns>
    public bool TryCopyBytes(Field field, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (!Has(field))
        {
            return false;
        }

        var definition = _spec.GetDefinition(field)!;
        if (definition.Type != FieldType.Binary)
        {
            ThrowHelper.ThrowWrongType(field, "binary (b)");
        }

        int length = UnitsOf(field);
        if (destination.Length < length)
        {
            return false;
        }

        var wire = RawSpan(field);
        if (definition.Encoding == FieldEncoding.AsciiHex)
        {
            WireCodec.DecodeHex(wire, destination[..length]);
        }
        else
        {
            wire.CopyTo(destination);
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>Length of a field's value in digits, characters or bytes; 0 when absent.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The length.</returns>
    public int GetLength(Field field) => Has(field) ? UnitsOf(field) : 0;

    private int BinaryLength(Field field) => UnitsOf(field);

    private void SetOrRemove(Field field, string? value)
    {
        if (value is null)
        {
            Remove(field);
        }
        else
        {
            SetString(field, value);
        }
    }

    private void SetOrRemove(Field field, long? value)
    {
        if (value is null)
        {
            Remove(field);
        }
        else
        {
            SetNumber(field, value.Value);
        }
    }

    private static void CheckBinaryLength(Field field, FieldDefinition definition, int length)
    {
        if (length > definition.MaxLength)
        {
            ThrowHelper.Throw(Iso8583ErrorKind.ValueTooLong, field, definition.MaxLength);
        }

        if (definition.LengthKind == LengthKind.Fixed && length != definition.MaxLength)
        {
            ThrowHelper.Throw(Iso8583ErrorKind.InvalidValueLength, field, length);
        }
    }

    private void SetHex(Field field, FieldDefinition definition, ReadOnlySpan<char> hex)
    {
        for (int i = 0; i < hex.Length; i++)
        {
            if (WireCodec.HexValue(hex[i]) < 0)
            {
                ThrowHelper.Throw(Iso8583ErrorKind.InvalidHex, field, i);
            }
        }

        if (hex.Length % 2 != 0)
        {
            ThrowHelper.Throw(Iso8583ErrorKind.InvalidHex, field, hex.Length);
        }

        Span<byte> bytes = stackalloc byte[hex.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((WireCodec.HexValue(hex[2 * i]) << 4) | WireCodec.HexValue(hex[(2 * i) + 1]));
        }

        SetBytes(field, bytes);
    }

    private static int FindInvalidChar(FieldDefinition definition, ReadOnlySpan<char> value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            bool ok = definition.Type switch
            {
                FieldType.Numeric => char.IsAsciiDigit(c),
                FieldType.Track => char.IsAsciiDigit(c) || c == '=' || c == 'D',
                FieldType.SignedAmount => i == 0 ? c is 'C' or 'D' : char.IsAsciiDigit(c),
                _ => c <= 0xFF,
            };
            if (!ok)
            {
                return i;
            }
        }

        return definition.Type == FieldType.SignedAmount && value.Length == 0 ? 0 : -1;
    }

    private static void EncodeAscii(FieldDefinition definition, ReadOnlySpan<char> value, int units, Span<byte> destination)
    {
        int pad = units - value.Length;
        if (definition.IsText)
        {
            for (int i = 0; i < value.Length; i++)
            {
                destination[i] = (byte)value[i];
            }

            destination[value.Length..].Fill((byte)' ');
            return;
        }

        // Numeric-like: zero-pad on the left; an x+n amount keeps its sign first (C00000100).
        int start = 0;
        if (definition.Type == FieldType.SignedAmount)
        {
            destination[0] = (byte)value[0];
            value = value[1..];
            start = 1;
        }

        destination.Slice(start, pad).Fill((byte)'0');
        for (int i = 0; i < value.Length; i++)
        {
            destination[start + pad + i] = (byte)value[i];
        }
    }

    private static void EncodeBcd(FieldDefinition definition, ReadOnlySpan<char> value, Span<byte> destination)
    {
        // Fixed fields are left-padded with zero nibbles (IFB_NUMERIC pad=true); variable ones right-padded (IFB_LLNUM pad=false).
        int nibbles = destination.Length * 2;
        int lead = definition.LengthKind == LengthKind.Fixed ? nibbles - value.Length : 0;
        destination.Clear();
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            int digit = c is '=' or 'D' ? 0xD : c - '0';
            int nibble = lead + i;
            destination[nibble >> 1] |= (byte)((nibble & 1) == 0 ? digit << 4 : digit);
        }
    }
}
