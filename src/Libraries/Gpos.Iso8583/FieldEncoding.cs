namespace Gpos.Iso8583;

/// <summary>How a data element's value is encoded on the wire.</summary>
public enum FieldEncoding
{
    /// <summary>One byte per character (ISO-8859-1, as jPOS). Used for n, an, ans, z and x+n.</summary>
    Ascii = 0,

    /// <summary>Packed BCD, two digits per byte (n and z only; z maps <c>=</c> to nibble <c>D</c>).</summary>
    Bcd = 1,

    /// <summary>Binary data sent as upper-case hexadecimal text, two characters per byte (jPOS IFA_BINARY).</summary>
    AsciiHex = 2,

    /// <summary>Binary data sent as raw bytes (jPOS IFB_BINARY).</summary>
    Binary = 3,
}
