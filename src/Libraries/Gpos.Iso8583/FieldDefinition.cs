namespace Gpos.Iso8583;

/// <summary>
/// How one data element is laid out on the wire: type, length kind, maximum length and encoding.
/// <see cref="MaxLength"/> counts digits for n/z, characters for an/ans/x+n and bytes for b.
/// </summary>
public sealed class FieldDefinition
{
    /// <summary>Defines a data element.</summary>
    /// <param name="field">The data element (2..128).</param>
    /// <param name="type">Content type.</param>
    /// <param name="lengthKind">Fixed, LL or LLL.</param>
    /// <param name="maxLength">Maximum (or fixed) length in digits, characters or bytes.</param>
    /// <param name="encoding">Wire encoding of the value.</param>
    /// <param name="name">Descriptive name (jPOS description).</param>
    /// <param name="prefixEncoding">Encoding of the LL/LLL prefix.</param>
    /// <param name="isSensitive">True to hide the value in <see cref="SafeMessageFormatter"/> output.</param>
    /// <exception cref="ArgumentException">The combination is not valid.</exception>
    public FieldDefinition(
        Field field,
        FieldType type,
        LengthKind lengthKind,
        int maxLength,
        FieldEncoding encoding,
        string name,
        PrefixEncoding prefixEncoding = PrefixEncoding.Ascii,
        bool isSensitive = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        if ((int)field is < 2 or > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(field), "Only fields 2..128 carry values.");
        }

        if (maxLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), "The maximum length must be positive.");
        }

        bool encodingFits = type switch
        {
            FieldType.Numeric or FieldType.Track => encoding is FieldEncoding.Ascii or FieldEncoding.Bcd,
            FieldType.Binary => encoding is FieldEncoding.AsciiHex or FieldEncoding.Binary,
            _ => encoding == FieldEncoding.Ascii,
        };
        if (!encodingFits)
        {
            throw new ArgumentException($"Encoding {encoding} cannot carry type {type}.", nameof(encoding));
        }

        if (type == FieldType.SignedAmount && (lengthKind != LengthKind.Fixed || maxLength < 2))
        {
            throw new ArgumentException("x+n amounts are fixed length with a sign and at least one digit.", nameof(type));
        }

        Field = field;
        Type = type;
        LengthKind = lengthKind;
        MaxLength = maxLength;
        Encoding = encoding;
        Name = name;
        PrefixEncoding = prefixEncoding;
        IsSensitive = isSensitive;

        if (lengthKind != LengthKind.Fixed && PrefixValue(maxLength) > MaxPrefixValue)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), "The maximum length does not fit the length prefix.");
        }
    }

    /// <summary>The data element.</summary>
    public Field Field { get; }

    /// <summary>Content type.</summary>
    public FieldType Type { get; }

    /// <summary>Fixed, LL or LLL.</summary>
    public LengthKind LengthKind { get; }

    /// <summary>Maximum (or fixed) length in digits (n, z), characters (an, ans, x+n) or bytes (b).</summary>
    public int MaxLength { get; }

    /// <summary>Wire encoding of the value.</summary>
    public FieldEncoding Encoding { get; }

    /// <summary>Encoding of the LL/LLL prefix (ignored for fixed fields).</summary>
    public PrefixEncoding PrefixEncoding { get; }

    /// <summary>Descriptive name.</summary>
    public string Name { get; }

    /// <summary>True when <see cref="SafeMessageFormatter"/> must hide the value (DE2 is masked to BIN + last 4 instead).</summary>
    public bool IsSensitive { get; }

    /// <summary>Returns a copy with <see cref="IsSensitive"/> set to <paramref name="sensitive"/>.</summary>
    /// <param name="sensitive">Whether the field is sensitive.</param>
    /// <returns>The new definition.</returns>
    public FieldDefinition WithSensitive(bool sensitive) =>
        new(Field, Type, LengthKind, MaxLength, Encoding, Name, PrefixEncoding, sensitive);

    internal bool IsText => Type is FieldType.AlphaNumeric or FieldType.AlphaNumericSpecial;

    internal int MaxPrefixValue => LengthKind == LengthKind.LL ? 99 : 999;

    internal int PrefixDigits => LengthKind switch
    {
        LengthKind.LL => 2,
        LengthKind.LLL => 3,
        _ => 0,
    };

    internal int PrefixWireLength => LengthKind switch
    {
        LengthKind.Fixed => 0,
        _ when PrefixEncoding == PrefixEncoding.Ascii => PrefixDigits,
        LengthKind.LL => 1,
        _ => 2,
    };

    /// <summary>Bytes on the wire for a value of <paramref name="units"/> digits, characters or bytes.</summary>
    internal int WireLength(int units) => Encoding switch
    {
        FieldEncoding.AsciiHex => units * 2,
        FieldEncoding.Bcd => (units + 1) / 2,
        _ => units,
    };

    /// <summary>The number the LL/LLL prefix carries: digits for BCD, wire characters otherwise (jPOS LLLCHAR counts hex characters).</summary>
    internal int PrefixValue(int units) => Encoding == FieldEncoding.Bcd ? units : WireLength(units);
}
