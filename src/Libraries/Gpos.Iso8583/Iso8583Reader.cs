using System.Buffers.Binary;
using System.Numerics;

namespace Gpos.Iso8583;

/// <summary>
/// A forward-only, allocation-free reader over one packed message (no length header), in the style of
/// <c>Utf8JsonReader</c>. Each <see cref="Read"/> validates and moves to the next present field; values are spans into the
/// input. Errors are values (<see cref="Error"/>) carrying the field number and byte offset; nothing is thrown.
/// </summary>
public ref struct Iso8583Reader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly IsoMessageSpec _spec;
    private int _position;
    private int _nextField;
    private bool _started;
    private bool _finished;

    /// <summary>Creates a reader.</summary>
    /// <param name="data">One packed message, without the frame length header.</param>
    /// <param name="spec">The message spec.</param>
    public Iso8583Reader(ReadOnlySpan<byte> data, IsoMessageSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _data = data;
        _spec = spec;
        Field = Field.MessageType0;
    }

    /// <summary>The MTI (valid after the first <see cref="Read"/> call unless the header was invalid).</summary>
    public Mti Mti { get; private set; }

    /// <summary>The primary bitmap as read (bit 63 = field 1).</summary>
    public ulong PrimaryBitmap { get; private set; }

    /// <summary>The secondary bitmap as read (bit 63 = field 65); zero when absent.</summary>
    public ulong SecondaryBitmap { get; private set; }

    /// <summary>The current field.</summary>
    public Field Field { get; private set; }

    /// <summary>The current field's definition.</summary>
    public FieldDefinition? Definition { get; private set; }

    /// <summary>Offset of the current value (after its length prefix) in the input.</summary>
    public int ValueOffset { get; private set; }

    /// <summary>Length of the current value on the wire, in bytes.</summary>
    public int ValueLength { get; private set; }

    /// <summary>Length of the current value in digits, characters or bytes (as the spec counts them).</summary>
    public int Units { get; private set; }

    /// <summary>The current value's wire bytes.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _data.Slice(ValueOffset, ValueLength);

    /// <summary>The error that stopped the reader, if any.</summary>
    public Iso8583Error Error { get; private set; }

    /// <summary>True when the reader stopped on an error.</summary>
    public readonly bool HasError => Error.IsError;

    /// <summary>Moves to the next present field.</summary>
    /// <returns>True when positioned on a field; false at the end of the message or on an error (see <see cref="HasError"/>).</returns>
    public bool Read()
    {
        if (_finished)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            if (!ReadHeader())
            {
                return Stop();
            }
        }

        int field = NextField(PrimaryBitmap, SecondaryBitmap, _nextField);
        if (field == 0)
        {
            if (_position != _data.Length)
            {
                Error = new Iso8583Error(Iso8583ErrorKind.TrailingBytes, (int)Field, _position);
            }

            return Stop();
        }

        _nextField = field + 1;
        Field = (Field)field;
        return ReadField() || Stop();
    }

    /// <summary>The next present field at or after <paramref name="from"/> (2..128), or 0.</summary>
    internal static int NextField(ulong primary, ulong secondary, int from)
    {
        if (from <= 64)
        {
            ulong remaining = primary & (ulong.MaxValue >> (from - 1)) & ~(1UL << 63);
            if (remaining != 0)
            {
                return BitOperations.LeadingZeroCount(remaining) + 1;
            }

            from = 65;
        }

        if (from <= 128)
        {
            ulong remaining = secondary & (ulong.MaxValue >> (from - 65));
            if (remaining != 0)
            {
                return BitOperations.LeadingZeroCount(remaining) + 65;
            }
        }

        return 0;
    }

    private bool Stop()
    {
        _finished = true;
        return false;
    }

    private bool Fail(Iso8583ErrorKind kind, int field, int offset)
    {
        Error = new Iso8583Error(kind, field, offset);
        return false;
    }

    private bool ReadHeader()
    {
        int mtiLength = _spec.MtiWireLength;
        if (_data.Length < mtiLength)
        {
            return Fail(Iso8583ErrorKind.Truncated, 0, 0);
        }

        int mti = 0;
        for (int i = 0; i < mtiLength; i++)
        {
            int b = _data[i];
            if (_spec.MtiEncoding == MtiEncoding.Ascii)
            {
                if ((uint)(b - '0') > 9)
                {
                    return Fail(Iso8583ErrorKind.InvalidMti, 0, i);
                }

                mti = (mti * 10) + (b - '0');
            }
            else
            {
                if ((b >> 4) > 9 || (b & 0xF) > 9)
                {
                    return Fail(Iso8583ErrorKind.InvalidMti, 0, i);
                }

                mti = (mti * 100) + ((b >> 4) * 10) + (b & 0xF);
            }
        }

        Mti = new Mti(mti);
        _position = mtiLength;
        if (!ReadBitmap(out ulong primary))
        {
            return false;
        }

        PrimaryBitmap = primary;
        if ((primary & (1UL << 63)) != 0)
        {
            if (!ReadBitmap(out ulong secondary))
            {
                return false;
            }

            SecondaryBitmap = secondary;
        }

        _nextField = 2;
        Field = Field.Bitmap1;
        return true;
    }

    private bool ReadBitmap(out ulong bitmap)
    {
        bitmap = 0;
        int length = _spec.BitmapWireLength;
        if (_data.Length - _position < length)
        {
            return Fail(Iso8583ErrorKind.Truncated, 1, _position);
        }

        var source = _data.Slice(_position, length);
        if (_spec.BitmapEncoding == BitmapEncoding.Binary)
        {
            bitmap = BinaryPrimitives.ReadUInt64BigEndian(source);
        }
        else
        {
            for (int i = 0; i < source.Length; i++)
            {
                int nibble = WireCodec.HexValue(source[i]);
                if (nibble < 0)
                {
                    return Fail(Iso8583ErrorKind.InvalidBitmap, 1, _position + i);
                }

                bitmap = (bitmap << 4) | (uint)nibble;
            }
        }

        _position += length;
        return true;
    }

    private bool ReadField()
    {
        int number = (int)Field;
        var definition = _spec.GetDefinition(Field);
        if (definition is null)
        {
            return Fail(Iso8583ErrorKind.UndefinedField, number, _position);
        }

        Definition = definition;
        int units = definition.MaxLength;
        if (definition.LengthKind != LengthKind.Fixed)
        {
            int prefixLength = definition.PrefixWireLength;
            if (_data.Length - _position < prefixLength)
            {
                return Fail(Iso8583ErrorKind.Truncated, number, _position);
            }

            int prefix = WireCodec.ReadPrefix(definition, _data.Slice(_position, prefixLength));
            if (prefix < 0)
            {
                return Fail(Iso8583ErrorKind.InvalidLengthPrefix, number, _position - 1 - prefix);
            }

            if (definition.Encoding == FieldEncoding.AsciiHex)
            {
                if (prefix % 2 != 0)
                {
                    return Fail(Iso8583ErrorKind.InvalidLengthPrefix, number, _position);
                }

                prefix /= 2;
            }

            if (prefix > definition.MaxLength)
            {
                return Fail(Iso8583ErrorKind.LengthExceedsMaximum, number, _position);
            }

            units = prefix;
            _position += prefixLength;
        }

        int wireLength = definition.WireLength(units);
        if (_data.Length - _position < wireLength)
        {
            return Fail(Iso8583ErrorKind.Truncated, number, _position);
        }

        int invalid = WireCodec.FindInvalid(definition, _data.Slice(_position, wireLength), units);
        if (invalid >= 0)
        {
            var kind = definition.Encoding == FieldEncoding.AsciiHex ? Iso8583ErrorKind.InvalidHex : Iso8583ErrorKind.InvalidNumeric;
            return Fail(kind, number, _position + invalid);
        }

        ValueOffset = _position;
        ValueLength = wireLength;
        Units = units;
        _position += wireLength;
        return true;
    }
}
