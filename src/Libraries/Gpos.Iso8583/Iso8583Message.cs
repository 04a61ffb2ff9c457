using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Gpos.Iso8583;

/// <summary>
/// An ISO 8583 message: MTI, presence bitmap and field values, bound to an <see cref="IsoMessageSpec"/>.
/// Values are held in their wire form in one byte store (an unpacked message holds one copy of the frame plus an inline
/// offset table); they are decoded only when asked for. The store lives inline in the object up to
/// <see cref="InlineStore.Length"/> bytes, so unpacking a typical message allocates only the message object. Not thread-safe; <see cref="ToString"/> is safe to log.
/// </summary>
public sealed partial class Iso8583Message
{
    private const int MaxStoreLength = ushort.MaxValue;

    private readonly IsoMessageSpec _spec;
    private InlineStore _inline;
    private byte[]? _heap;
    private int _used;
    private ulong _primary;
    private ulong _secondary;
    private SlotTable _slots;

    /// <summary>Creates an empty message.</summary>
    /// <param name="mti">The MTI.</param>
    /// <param name="spec">The spec; <see cref="IsoMessageSpec.Iso87Ascii"/> when null.</param>
    public Iso8583Message(Mti mti, IsoMessageSpec? spec = null)
    {
        _spec = spec ?? IsoMessageSpec.Iso87Ascii;
        Mti = mti;
    }

    private Iso8583Message(IsoMessageSpec spec)
    {
        _spec = spec;
    }

    private Span<byte> Store => _heap ?? (Span<byte>)_inline;

    /// <summary>The message type indicator.</summary>
    public Mti Mti { get; set; }

    /// <summary>The spec this message is read and written with.</summary>
    public IsoMessageSpec Spec => _spec;

    /// <summary>The present fields in ascending order.</summary>
    public IEnumerable<Field> Fields
    {
        get
        {
            for (int f = NextField(2); f != 0; f = NextField(f + 1))
            {
                yield return (Field)f;
            }
        }
    }

    /// <summary>Unpacks one message (no frame header).</summary>
    /// <param name="data">The packed message.</param>
    /// <param name="spec">The spec; <see cref="IsoMessageSpec.Iso87Ascii"/> when null.</param>
    /// <returns>The message.</returns>
    /// <exception cref="Iso8583Exception">The data is malformed; carries field number and byte offset.</exception>
    public static Iso8583Message Unpack(ReadOnlySpan<byte> data, IsoMessageSpec? spec = null)
    {
        if (!TryUnpack(data, spec, out var message, out var error))
        {
            ThrowHelper.Throw(error);
        }

        return message;
    }

    /// <summary>Unpacks one message from a (possibly multi-segment) sequence, e.g. a frame from <see cref="FrameReader"/>.</summary>
    /// <param name="data">The packed message.</param>
    /// <param name="spec">The spec; <see cref="IsoMessageSpec.Iso87Ascii"/> when null.</param>
    /// <returns>The message.</returns>
    /// <exception cref="Iso8583Exception">The data is malformed.</exception>
    public static Iso8583Message Unpack(in ReadOnlySequence<byte> data, IsoMessageSpec? spec = null)
    {
        if (!TryUnpack(data, spec, out var message, out var error))
        {
            ThrowHelper.Throw(error);
        }

        return message;
    }

    /// <summary>Tries to unpack one message (no frame header). Never throws for malformed input.</summary>
    /// <param name="data">The packed message.</param>
    /// <param name="spec">The spec; <see cref="IsoMessageSpec.Iso87Ascii"/> when null.</param>
    /// <param name="message">The message, when valid.</param>
    /// <param name="error">The error (field number and byte offset), when not.</param>
    /// <returns>True when the data is a valid message.</returns>
    public static bool TryUnpack(
        ReadOnlySpan<byte> data,
        IsoMessageSpec? spec,
        [NotNullWhen(true)] out Iso8583Message? message,
        out Iso8583Error error)
    {
        spec ??= IsoMessageSpec.Iso87Ascii;
        message = null;
        if (data.Length > MaxStoreLength)
        {
            error = new Iso8583Error(Iso8583ErrorKind.FrameTooLarge, -1, MaxStoreLength);
            return false;
        }

        // The reader validates everything before the message is handed out; offsets go straight into its inline table.
        var result = new Iso8583Message(spec);
        var reader = new Iso8583Reader(data, spec);
        while (reader.Read())
        {
            result._slots[(int)reader.Field] = ((uint)reader.ValueOffset << 16) | (uint)reader.Units;
        }

        error = reader.Error;
        if (reader.HasError)
        {
            return false;
        }

        result.Mti = reader.Mti;
        result._primary = reader.PrimaryBitmap & ~(1UL << 63);
        result._secondary = reader.SecondaryBitmap;
        if (data.Length > InlineStore.Length)
        {
            result._heap = data.ToArray();
        }
        else
        {
            data.CopyTo(result._inline);
        }

        result._used = data.Length;
        message = result;
        return true;
    }

    /// <summary>Tries to unpack one message from a (possibly multi-segment) sequence. Never throws for malformed input.</summary>
    /// <param name="data">The packed message.</param>
    /// <param name="spec">The spec; <see cref="IsoMessageSpec.Iso87Ascii"/> when null.</param>
    /// <param name="message">The message, when valid.</param>
    /// <param name="error">The error, when not.</param>
    /// <returns>True when the data is a valid message.</returns>
    public static bool TryUnpack(
        in ReadOnlySequence<byte> data,
        IsoMessageSpec? spec,
        [NotNullWhen(true)] out Iso8583Message? message,
        out Iso8583Error error)
    {
        if (data.IsSingleSegment)
        {
            return TryUnpack(data.FirstSpan, spec, out message, out error);
        }

        if (data.Length > MaxStoreLength)
        {
            message = null;
            error = new Iso8583Error(Iso8583ErrorKind.FrameTooLarge, -1, MaxStoreLength);
            return false;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent((int)data.Length);
        try
        {
            var span = rented.AsSpan(0, (int)data.Length);
            data.CopyTo(span);
            return TryUnpack(span, spec, out message, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>True when the field is present.</summary>
    /// <param name="field">The field.</param>
    /// <returns>Whether it is present.</returns>
    public bool Has(Field field)
    {
        int n = (int)field;
        return n switch
        {
            >= 2 and <= 64 => (_primary & (1UL << (64 - n))) != 0,
            >= 65 and <= 128 => (_secondary & (1UL << (128 - n))) != 0,
            _ => false,
        };
    }

    /// <summary>Removes a field (its bytes are zeroed, so removed card data does not linger).</summary>
    /// <param name="field">The field.</param>
    public void Remove(Field field)
    {
        if (!Has(field))
        {
            return;
        }

        RawSpan(field).Clear();
        SetPresence((int)field, present: false);
        _slots[(int)field] = 0;
    }

    /// <summary>
    /// Zeroes every value and removes all fields (iso8583.md §8: wipe buffers holding DE35/DE52 after the response).
    /// </summary>
    public void Clear()
    {
        Store.Clear();
        _used = 0;
        _primary = 0;
        _secondary = 0;
        _slots = default;
    }

    /// <summary>Returns the field's wire bytes (after any length prefix) without copying.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The wire bytes.</param>
    /// <returns>False when the field is absent.</returns>
    public bool TryGetRawValue(Field field, out ReadOnlySpan<byte> value)
    {
        if (!Has(field))
        {
            value = default;
            return false;
        }

        value = RawSpan(field);
        return true;
    }

    /// <summary>A deep copy.</summary>
    /// <returns>The copy.</returns>
    public Iso8583Message Clone()
    {
        var copy = new Iso8583Message(Mti, _spec);
        for (int f = NextField(2); f != 0; f = NextField(f + 1))
        {
            copy.CopyFieldFrom(this, (Field)f);
        }

        return copy;
    }

    /// <summary>Creates the response to this request: response MTI (0200→0210) and a copy of the echoed fields.</summary>
    /// <param name="echoFields">Fields to copy when present (e.g. DE3, DE4, DE7, DE11, DE37, DE41, DE42, DE49).</param>
    /// <returns>The response.</returns>
    public Iso8583Message CreateResponse(params ReadOnlySpan<Field> echoFields)
    {
        var response = new Iso8583Message(Mti.ToResponse(), _spec);
        foreach (var field in echoFields)
        {
            if (Has(field))
            {
                response.CopyFieldFrom(this, field);
            }
        }

        return response;
    }

    /// <summary>Creates a repeat of this message: same fields, repeat MTI (0400→0401).</summary>
    /// <returns>The repeat.</returns>
    public Iso8583Message CreateRepeat()
    {
        var repeat = Clone();
        repeat.Mti = Mti.ToRepeat();
        return repeat;
    }

    /// <summary>Renders the message for logs with <see cref="SafeMessageFormatter"/>: PAN masked, card data hidden.</summary>
    /// <returns>The safe rendering.</returns>
    public override string ToString() => SafeMessageFormatter.Format(this);

    internal int NextField(int from) => Iso8583Reader.NextField(_primary, _secondary, from);

    internal int UnitsOf(Field field) => (int)(_slots[(int)field] & 0xFFFF);

    internal Span<byte> RawSpan(Field field)
    {
        uint slot = _slots[(int)field];
        var definition = _spec.GetDefinition(field)!;
        return Store.Slice((int)(slot >> 16), definition.WireLength((int)(slot & 0xFFFF)));
    }

    internal FieldDefinition RequireDefinition(Field field)
    {
        var definition = _spec.GetDefinition(field);
        if (definition is null)
        {
            ThrowHelper.Throw(Iso8583ErrorKind.UndefinedField, field, -1);
        }

        return definition;
    }

    private void CopyFieldFrom(Iso8583Message source, Field field)
    {
        var definition = RequireDefinition(field);
        int units = source.UnitsOf(field);
        var value = source.RawSpan(field);
        value.CopyTo(Reserve(field, units, definition.WireLength(units)));
    }

    private void SetPresence(int n, bool present)
    {
        if (n <= 64)
        {
            ulong bit = 1UL << (64 - n);
            _primary = present ? _primary | bit : _primary & ~bit;
        }
        else
        {
            ulong bit = 1UL << (128 - n);
            _secondary = present ? _secondary | bit : _secondary & ~bit;
        }
    }

    /// <summary>Reserves wire space for a new value of <paramref name="field"/>, replacing (and zeroing) any old one.</summary>
    private Span<byte> Reserve(Field field, int units, int wireLength)
    {
        Remove(field);
        if (_used + wireLength > Store.Length)
        {
            Grow(wireLength);
        }

        int offset = _used;
        _used += wireLength;
        _slots[(int)field] = ((uint)offset << 16) | (uint)units;
        SetPresence((int)field, present: true);
        return Store.Slice(offset, wireLength);
    }

    private void Grow(int needed)
    {
        int live = 0;
        for (int f = NextField(2); f != 0; f = NextField(f + 1))
        {
            live += RawSpan((Field)f).Length;
        }

        if (live + needed > MaxStoreLength)
        {
            ThrowHelper.Throw(Iso8583ErrorKind.FrameTooLarge, Field.MessageType0, -1);
        }

        // Compact the live values into a new store; zero the old one so replaced card data does not linger.
        int size = Math.Min(MaxStoreLength, Math.Max(Store.Length * 2, live + needed + 64));
        byte[] store = new byte[size];
        int used = 0;
        for (int f = NextField(2); f != 0; f = NextField(f + 1))
        {
            var value = RawSpan((Field)f);
            value.CopyTo(store.AsSpan(used));
            _slots[f] = ((uint)used << 16) | (_slots[f] & 0xFFFF);
            used += value.Length;
        }

        Store.Clear();
        _heap = store;
        _used = used;
    }
}
