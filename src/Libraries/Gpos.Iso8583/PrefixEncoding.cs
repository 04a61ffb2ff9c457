namespace Gpos.Iso8583;

/// <summary>How an LL/LLL length prefix is encoded.</summary>
public enum PrefixEncoding
{
    /// <summary>ASCII decimal digits: 2 bytes for LL, 3 bytes for LLL (jPOS AsciiPrefixer).</summary>
    Ascii = 0,

    /// <summary>Packed BCD: 1 byte for LL, 2 bytes for LLL (jPOS BcdPrefixer).</summary>
    Bcd = 1,
}
