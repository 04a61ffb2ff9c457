namespace Gpos.BrCode.Internal;

/// <summary>Writes TLV data objects into a span the caller sized with the exact encoded length.</summary>
internal ref struct BrCodeWriter(Span<char> destination)
{
    private readonly Span<char> _destination = destination;
    private int _position;

    public readonly int Position => _position;

    public void Header(int tag, int length)
    {
        var d = _destination.Slice(_position, 4);
        d[0] = (char)('0' + (tag / 10));
        d[1] = (char)('0' + (tag % 10));
        d[2] = (char)('0' + (length / 10));
        d[3] = (char)('0' + (length % 10));
        _position += 4;
    }

    public void Field(int tag, ReadOnlySpan<char> value)
    {
        Header(tag, value.Length);
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    public void OptionalField(int tag, string? value)
    {
        if (value is not null)
        {
            Field(tag, value);
        }
    }

    public void Amount(long centavos)
    {
        var length = AmountText.FormattedLength(centavos);
        Header(Tags.TransactionAmount, length);
        AmountText.Format(centavos, _destination.Slice(_position, length));
        _position += length;
    }

    /// <summary>Writes every field of <paramref name="fields"/> whose ID is below <paramref name="limit"/>.</summary>
    public void FieldsBelow(ReadOnlySpan<BrCodeField> fields, ref int next, int limit)
    {
        while (next < fields.Length && fields[next].Tag < limit)
        {
            Field(fields[next].Tag, fields[next].Value);
            next++;
        }
    }

    /// <summary>Appends <c>6304</c> and the upper-case CRC over everything written so far.</summary>
    public void Crc()
    {
        Header(Tags.Crc, 4);
        var crc = Crc16.Compute(_destination[.._position]);
        var d = _destination.Slice(_position, 4);
        d[0] = Hex(crc >> 12);
        d[1] = Hex(crc >> 8);
        d[2] = Hex(crc >> 4);
        d[3] = Hex(crc);
        _position += 4;
    }

    private static char Hex(int nibble)
    {
        nibble &= 0xF;
        return (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
    }
}
