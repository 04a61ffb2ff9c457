namespace Gpos.Iso8583;

/// <summary>What went wrong while reading, writing or framing a message.</summary>
public enum Iso8583ErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The data ends before the element at the offset is complete (a truncated frame, or a length prefix overrunning the frame).</summary>
    Truncated = 1,

    /// <summary>The MTI is not four decimal digits.</summary>
    InvalidMti = 2,

    /// <summary>A bitmap is not valid hexadecimal.</summary>
    InvalidBitmap = 3,

    /// <summary>A length prefix is not decimal digits (or, for hex-encoded binary, not an even character count).</summary>
    InvalidLengthPrefix = 4,

    /// <summary>A length prefix announces more than the field's maximum length.</summary>
    LengthExceedsMaximum = 5,

    /// <summary>The bitmap announces a field the spec does not define.</summary>
    UndefinedField = 6,

    /// <summary>A numeric, track or amount field holds a character outside its code set.</summary>
    InvalidNumeric = 7,

    /// <summary>A hex-encoded binary field holds a non-hexadecimal character.</summary>
    InvalidHex = 8,

    /// <summary>A text value holds a character that cannot be encoded (outside ISO-8859-1).</summary>
    InvalidCharacter = 9,

    /// <summary>Bytes remain after the last field announced by the bitmap.</summary>
    TrailingBytes = 10,

    /// <summary>A frame is larger than the configured maximum, or a message does not fit a 2-byte length header.</summary>
    FrameTooLarge = 11,

    /// <summary>A value is longer than its field (values are never silently truncated).</summary>
    ValueTooLong = 12,

    /// <summary>A fixed-length binary value does not have exactly the field's length.</summary>
    InvalidValueLength = 13,

    /// <summary>ICC data is not well-formed BER-TLV.</summary>
    InvalidTlv = 14,
}
