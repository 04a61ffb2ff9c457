namespace Gpos.Iso8583;

/// <summary>
/// A message specification: how the MTI, the bitmaps and each data element (2..128) are laid out on the wire.
/// Immutable and thread-safe; derive host-specific variants with <see cref="WithField"/>, <see cref="WithoutField"/>
/// and <see cref="WithSensitiveFields"/>.
/// </summary>
public sealed class IsoMessageSpec
{
    private readonly FieldDefinition?[] _fields;

    /// <summary>Creates a spec.</summary>
    /// <param name="name">Name for diagnostics.</param>
    /// <param name="mtiEncoding">MTI encoding.</param>
    /// <param name="bitmapEncoding">Bitmap encoding.</param>
    /// <param name="fields">Field definitions; at most one per field.</param>
    /// <exception cref="ArgumentException">A field is defined twice.</exception>
    public IsoMessageSpec(string name, MtiEncoding mtiEncoding, BitmapEncoding bitmapEncoding, IEnumerable<FieldDefinition> fields)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(fields);
        Name = name;
        MtiEncoding = mtiEncoding;
        BitmapEncoding = bitmapEncoding;
        _fields = new FieldDefinition?[129];
        foreach (var definition in fields)
        {
            ArgumentNullException.ThrowIfNull(definition);
            if (_fields[(int)definition.Field] is not null)
            {
                throw new ArgumentException($"Field {(int)definition.Field} is defined twice.", nameof(fields));
            }

            _fields[(int)definition.Field] = definition;
        }
    }

    /// <summary>
    /// ISO 8583:1987 ASCII, wire-compatible with jPOS <c>ISO87APackager</c>: ASCII MTI, ASCII-hex bitmaps (secondary
    /// when a field above 64 is present), ASCII LL/LLL prefixes, binary fields as hex text. DE55 is hex-encoded BER-TLV
    /// under an LLL prefix that counts hex characters (as jPOS IFA_LLLCHAR carries it).
    /// </summary>
    public static IsoMessageSpec Iso87Ascii { get; } = Iso87Specs.CreateAscii();

    /// <summary>
    /// ISO 8583:1987 binary, in the style of jPOS <c>ISO87BPackager</c>: BCD MTI, binary bitmaps, BCD numerics and
    /// prefixes, raw binary fields. See the README for where it differs from jPOS.
    /// </summary>
    public static IsoMessageSpec Iso87Binary { get; } = Iso87Specs.CreateBinary();

    /// <summary>Name for diagnostics.</summary>
    public string Name { get; }

    /// <summary>MTI encoding.</summary>
    public MtiEncoding MtiEncoding { get; }

    /// <summary>Bitmap encoding.</summary>
    public BitmapEncoding BitmapEncoding { get; }

    /// <summary>All defined fields in field-number order.</summary>
    public IEnumerable<FieldDefinition> Fields => _fields.OfType<FieldDefinition>();

    internal int MtiWireLength => MtiEncoding == MtiEncoding.Ascii ? 4 : 2;

    internal int BitmapWireLength => BitmapEncoding == BitmapEncoding.AsciiHex ? 16 : 8;

    /// <summary>Returns the definition of a field, or null when the spec does not define it.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The definition or null.</returns>
    public FieldDefinition? GetDefinition(Field field) =>
        (uint)field < (uint)_fields.Length ? _fields[(int)field] : null;

    /// <summary>True when the spec defines the field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>Whether it is defined.</returns>
    public bool IsDefined(Field field) => GetDefinition(field) is not null;

    /// <summary>Returns a copy of this spec with a field added or replaced.</summary>
    /// <param name="definition">The new definition.</param>
    /// <returns>The new spec.</returns>
    public IsoMessageSpec WithField(FieldDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new IsoMessageSpec(Name, MtiEncoding, BitmapEncoding, Fields.Where(f => f.Field != definition.Field).Append(definition));
    }

    /// <summary>Returns a copy of this spec without a field (the bitmap may then not announce it).</summary>
    /// <param name="field">The field to remove.</param>
    /// <returns>The new spec.</returns>
    public IsoMessageSpec WithoutField(Field field) =>
        new(Name, MtiEncoding, BitmapEncoding, Fields.Where(f => f.Field != field));

    /// <summary>Returns a copy of this spec with the given fields marked sensitive (hidden in safe logs).</summary>
    /// <param name="fields">The fields.</param>
    /// <returns>The new spec.</returns>
    public IsoMessageSpec WithSensitiveFields(params Field[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new IsoMessageSpec(
            Name,
            MtiEncoding,
            BitmapEncoding,
            Fields.Select(f => Array.IndexOf(fields, f.Field) >= 0 ? f.WithSensitive(true) : f).ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
