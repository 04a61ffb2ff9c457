namespace Gpos.BrCode.Internal;

/// <summary>Data object IDs of the Pix profile (Manual do BR Code; pix-api.md §5.2).</summary>
internal static class Tags
{
    public const int PayloadFormatIndicator = 0;
    public const int PointOfInitiationMethod = 1;
    public const int PixAccount = 26;
    public const int MerchantCategoryCode = 52;
    public const int TransactionCurrency = 53;
    public const int TransactionAmount = 54;
    public const int CountryCode = 58;
    public const int MerchantName = 59;
    public const int MerchantCity = 60;
    public const int PostalCode = 61;
    public const int AdditionalData = 62;
    public const int Crc = 63;

    public const int AccountGui = 0;
    public const int AccountKey = 1;
    public const int AccountInfo = 2;
    public const int AccountFss = 3;
    public const int AccountUrl = 25;

    public const int AdditionalReferenceLabel = 5;

    public const int MaxPayloadLength = 512;
    public const int MaxKeyLength = 77;
    public const int MaxUrlLength = 77;
    public const int MaxInfoLength = 72;
    public const int FssLength = 8;
    public const int MaxNameLength = 25;
    public const int MaxCityLength = 15;
    public const int MaxPostalCodeLength = 10;
    public const int MaxTxIdLength = 25;

    public const string PixGui = "br.gov.bcb.pix";
    public const string NoTxId = "***";

    /// <summary>Top-level IDs the model gives a typed property to (everything else is kept as-is).</summary>
    public static bool IsKnownTopLevel(int tag) => tag is PayloadFormatIndicator or PointOfInitiationMethod or PixAccount
        or MerchantCategoryCode or TransactionCurrency or TransactionAmount or CountryCode or MerchantName
        or MerchantCity or PostalCode or AdditionalData or Crc;

    public static bool IsKnownAccountTag(int tag) => tag is AccountGui or AccountKey or AccountInfo or AccountFss or AccountUrl;

    /// <summary>EMV templates whose value is itself TLV: 26–51 (merchant account), 62, 64, 80–99.</summary>
    public static bool IsTemplate(int tag) => tag is (>= 26 and <= 51) or AdditionalData or 64 or (>= 80 and <= 99);

    public static bool IsUnreserved(int tag) => tag is >= 80 and <= 99;
}
