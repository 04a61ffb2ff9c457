namespace Gpos.Iso8583;

/// <summary>How a data element's length is carried on the wire.</summary>
public enum LengthKind
{
    /// <summary>Fixed length: no prefix, the value always takes the maximum length.</summary>
    Fixed = 0,

    /// <summary>Variable length with a two-digit length prefix (up to 99).</summary>
    LL = 1,

    /// <summary>Variable length with a three-digit length prefix (up to 999).</summary>
    LLL = 2,
}
