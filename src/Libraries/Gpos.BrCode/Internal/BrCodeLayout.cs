namespace Gpos.BrCode.Internal;

/// <summary>
/// The decoded shape of a BR Code as positions in the input: no strings until a field is asked for.
/// </summary>
internal struct BrCodeLayout
{
    public Segment PayloadFormat;
    public Segment PointOfInitiation;
    public Segment Account;
    public Segment Gui;
    public Segment Key;
    public Segment AdditionalInfo;
    public Segment Fss;
    public Segment Url;
    public Segment MerchantCategoryCode;
    public Segment Currency;
    public Segment Amount;
    public Segment Country;
    public Segment MerchantName;
    public Segment MerchantCity;
    public Segment PostalCode;
    public Segment AdditionalData;
    public Segment ReferenceLabel;
    public Segment Crc;

    /// <summary>Start of the TLV header of tag 63, or -1.</summary>
    public int CrcHeaderOffset;
    public long AmountCentavos;
    public ushort CrcValue;
    public BrCodeKind Kind;

    /// <summary>True when the top level framed as TLV end to end.</summary>
    public bool Framed;

    /// <summary>Count of top-level objects without a typed property (02–25, 27–51, 55–57, 64–99).</summary>
    public int OtherTopLevelCount;
}
