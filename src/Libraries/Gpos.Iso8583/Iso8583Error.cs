using System.Globalization;

namespace Gpos.Iso8583;

/// <summary>
/// A codec error as a value: what went wrong, in which data element, at which byte offset.
/// Returned by the <c>Try*</c> methods; carried by <see cref="Iso8583Exception"/>.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="FieldNumber">
/// The data element number (0 = MTI, 1 = bitmaps, 2..128 = fields; for <see cref="Iso8583ErrorKind.TrailingBytes"/> the last
/// field read; -1 when no field applies, e.g. a frame header).
/// </param>
/// <param name="Offset">Byte offset in the input (message, frame or TLV data) where the problem was found; -1 when not applicable.</param>
public readonly record struct Iso8583Error(Iso8583ErrorKind Kind, int FieldNumber, int Offset)
{
    /// <summary>True when this value describes an error.</summary>
    public bool IsError => Kind != Iso8583ErrorKind.None;

    /// <summary>A human-readable description; never contains field values.</summary>
    public string Message => string.Create(
        CultureInfo.InvariantCulture,
        $"ISO 8583 {Kind} in field {FieldNumber} at byte offset {Offset}.");

    /// <inheritdoc />
    public override string ToString() => Message;
}
