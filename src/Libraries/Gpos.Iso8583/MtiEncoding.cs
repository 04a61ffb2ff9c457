namespace Gpos.Iso8583;

/// <summary>How the message type indicator is encoded.</summary>
public enum MtiEncoding
{
    /// <summary>Four ASCII digits.</summary>
    Ascii = 0,

    /// <summary>Two bytes of packed BCD.</summary>
    Bcd = 1,
}
