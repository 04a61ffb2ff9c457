namespace Gpos.BrCode.Internal;

/// <summary>
/// Reads EMV TLV data objects (2-digit ID, 2-digit decimal length, value) from a span without allocating.
/// Offsets it returns are absolute (relative to the whole payload), so nested readers report usable positions.
/// </summary>
internal ref struct TlvReader
{
    private readonly ReadOnlySpan<char> _data;
    private readonly int _baseOffset;
    private int _position;

    public TlvReader(ReadOnlySpan<char> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>Absolute offset of the next header.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>
    /// Reads the next data object. On failure <paramref name="tag"/> is the ID if it could be read (else -1)
    /// and the reader does not advance.
    /// </summary>
    public TlvStatus Read(out int tag, out int valueStart, out int length)
    {
        tag = -1;
        valueStart = 0;
        length = 0;
        var remaining = _data.Length - _position;
        if (remaining <= 0)
        {
            return TlvStatus.End;
        }

        if (remaining < 2)
        {
            return TlvStatus.Truncated;
        }

        var t1 = _data[_position] - '0';
        var t2 = _data[_position + 1] - '0';
        if ((uint)t1 > 9 || (uint)t2 > 9)
        {
            return TlvStatus.InvalidTagId;
        }

        tag = (t1 * 10) + t2;
        if (remaining < 4)
        {
            return TlvStatus.Truncated;
        }

        var l1 = _data[_position + 2] - '0';
        var l2 = _data[_position + 3] - '0';
        if ((uint)l1 > 9 || (uint)l2 > 9)
        {
            return TlvStatus.InvalidLength;
        }

        length = (l1 * 10) + l2;
        if (length > remaining - 4)
        {
            return TlvStatus.LengthOverrun;
        }

        valueStart = _baseOffset + _position + 4;
        _position += 4 + length;
        return TlvStatus.Ok;
    }
}
