namespace Gpos.Iso8583;

/// <summary>How the presence bitmaps are encoded.</summary>
public enum BitmapEncoding
{
    /// <summary>16 hexadecimal characters per bitmap (jPOS IFA_BITMAP).</summary>
    AsciiHex = 0,

    /// <summary>8 raw bytes per bitmap (jPOS IFB_BITMAP).</summary>
    Binary = 1,
}
