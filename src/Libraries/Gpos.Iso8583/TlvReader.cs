namespace Gpos.Iso8583;

/// <summary>
/// A forward-only, allocation-free BER-TLV reader for EMV ICC data (DE55), per EMV Book 3 Annex B: multi-byte tags
/// (first byte low bits 11111, continuation while bit 8 is set, up to 4 bytes) and short or long-form lengths
/// (81 xx, 82 xx xx, 83 xx xx xx). Malformed data stops the reader with an <see cref="Iso8583ErrorKind.InvalidTlv"/> error
/// carrying the byte offset; nothing is thrown.
/// </summary>
public ref struct TlvReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _fieldNumber;
    private int _position;
    private bool _finished;

    /// <summary>Creates a reader.</summary>
    /// <param name="data">Concatenated TLV objects.</param>
    /// <param name="fieldNumber">Field number reported in errors (55 by default).</param>
    public TlvReader(ReadOnlySpan<byte> data, int fieldNumber = (int)Field.Icc55)
    {
        _data = data;
        _fieldNumber = fieldNumber;
    }

    /// <summary>The current tag, e.g. 0x9F02.</summary>
    public uint Tag { get; private set; }

    /// <summary>The offset of the current tag in the data.</summary>
    public int TagOffset { get; private set; }

    /// <summary>The offset of the current value in the data.</summary>
    public int ValueOffset { get; private set; }

    /// <summary>The length of the current value.</summary>
    public int ValueLength { get; private set; }

    /// <summary>The current value.</summary>
    public readonly ReadOnlySpan<byte> Value => _data.Slice(ValueOffset, ValueLength);

    /// <summary>True when the current tag is constructed (its value is itself TLV; read it with a new reader).</summary>
    public bool IsConstructed { readonly get; private set; }

    /// <summary>The error that stopped the reader, if any.</summary>
    public Iso8583Error Error { get; private set; }

    /// <summary>True when the reader stopped on malformed data.</summary>
    public readonly bool HasError => Error.IsError;

    /// <summary>Checks that data is a sequence of well-formed TLV objects (top level).</summary>
    /// <param name="data">The data.</param>
    /// <param name="error">The first error.</param>
    /// <returns>True when well-formed.</returns>
    public static bool Validate(ReadOnlySpan<byte> data, out Iso8583Error error)
    {
        var reader = new TlvReader(data);
        while (reader.Read())
        {
        }

        error = reader.Error;
        return !reader.HasError;
    }

    /// <summary>Finds the first top-level object with a tag.</summary>
    /// <param name="data">The data.</param>
    /// <param name="tag">The tag, e.g. <see cref="EmvTag.ApplicationCryptogram9F26"/>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>False when absent or the data is malformed before it.</returns>
    public static bool TryFind(ReadOnlySpan<byte> data, uint tag, out ReadOnlySpan<byte> value)
    {
        var reader = new TlvReader(data);
        while (reader.Read())
        {
            if (reader.Tag == tag)
            {
                value = reader.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Moves to the next TLV object.</summary>
    /// <returns>True when positioned on an object; false at the end or on an error (see <see cref="HasError"/>).</returns>
    public bool Read()
    {
        if (_finished || _position >= _data.Length)
        {
            _finished = true;
            return false;
        }

        int start = _position;
        int position = _position;
        uint tag = _data[position++];
        bool constructed = (tag & 0x20) != 0;
        if ((tag & 0x1F) == 0x1F)
        {
            int tagBytes = 1;
            byte next;
            do
            {
                if (position >= _data.Length)
                {
                    return Fail(position);
                }

                if (++tagBytes > 4)
                {
                    return Fail(start);
                }

                next = _data[position++];
                tag = (tag << 8) | next;
            }
            while ((next & 0x80) != 0);
        }

        if (position >= _data.Length)
        {
            return Fail(position);
        }

        int lengthOffset = position;
        int length = _data[position++];
        if (length > 0x7F)
        {
            int count = length & 0x7F;
            if (count is 0 or > 3)
            {
                return Fail(lengthOffset);
            }

            if (_data.Length - position < count)
            {
                return Fail(position);
            }

            length = 0;
            for (int i = 0; i < count; i++)
            {
                length = (length << 8) | _data[position++];
            }
        }

        if (_data.Length - position < length)
        {
            return Fail(lengthOffset);
        }

        Tag = tag;
        TagOffset = start;
        ValueOffset = position;
        ValueLength = length;
        IsConstructed = constructed;
        _position = position + length;
        return true;
    }

    private bool Fail(int offset)
    {
        Error = new Iso8583Error(Iso8583ErrorKind.InvalidTlv, _fieldNumber, offset);
        _finished = true;
        return false;
    }
}
