using Gpos.BrCode.Internal;

namespace Gpos.BrCode;

/// <summary>
/// An immutable BR Code (EMV® QRCPS-MPM profile for Pix) with typed access to every Pix field.
/// Create one with <see cref="CreateStatic"/> / <see cref="CreateDynamic"/>, or decode one with
/// <see cref="TryParse(ReadOnlySpan{char}, BrCodeParseOptions)"/> / <see cref="Parse(ReadOnlySpan{char}, BrCodeParseOptions)"/>.
/// Money is <see cref="long"/> centavos; text is printable ASCII.
/// </summary>
public sealed partial class BrCode
{
    // Arrays, not interfaces, so that encoding walks them without interface dispatch.
    private readonly BrCodeField[] _accountExtra = [];
    private readonly BrCodeField[] _additionalExtra = [];
    private readonly BrCodeField[] _other = [];
    private readonly BrCodeField[] _unreserved = [];

    private BrCode()
    {
    }

    /// <summary>Tag 00, Payload Format Indicator: always <c>01</c>.</summary>
    public string PayloadFormatIndicator { get; private init; } = "01";

    /// <summary>Tag 01, or null when absent (absent means reusable).</summary>
    public PointOfInitiationMethod? PointOfInitiation { get; private init; }

    /// <summary>Static (26-01 key present) or dynamic (26-25 url present).</summary>
    public BrCodeKind Kind { get; private init; }

    /// <summary>26-00, the GUI as written (<c>br.gov.bcb.pix</c> or <c>BR.GOV.BCB.PIX</c>).</summary>
    public string Gui { get; private init; } = Tags.PixGui;

    /// <summary>26-01, the DICT key (chave) of a static code.</summary>
    public string? Key { get; private init; }

    /// <summary>26-02, infoAdicional shown to the payer (static codes, ≤ 72).</summary>
    public string? AdditionalInfo { get; private init; }

    /// <summary>26-03, fss: ISPB of the withdrawal facilitator (Pix Saque/Troco), 8 characters.</summary>
    public string? Fss { get; private init; }

    /// <summary>26-25, the payload location of a dynamic code, without scheme.</summary>
    public string? Url { get; private init; }

    /// <summary>Tag 52, Merchant Category Code (<c>0000</c> unless a real MCC is used).</summary>
    public string MerchantCategoryCode { get; private init; } = "0000";

    /// <summary>Tag 53, ISO 4217 numeric currency: <c>986</c> (BRL).</summary>
    public string CurrencyCode { get; private init; } = "986";

    /// <summary>Tag 54 in centavos, or null when the payer types the amount.</summary>
    public long? Amount { get; private init; }

    /// <summary>Tag 58, <c>BR</c>.</summary>
    public string CountryCode { get; private init; } = "BR";

    /// <summary>Tag 59, merchant name (≤ 25).</summary>
    public string MerchantName { get; private init; } = "";

    /// <summary>Tag 60, merchant city (≤ 15).</summary>
    public string MerchantCity { get; private init; } = "";

    /// <summary>Tag 61, postal code (CEP), or null.</summary>
    public string? PostalCode { get; private init; }

    /// <summary>62-05 as written: a txid or <c>***</c>; null only when leniently decoded without it.</summary>
    public string? ReferenceLabel { get; private init; }

    /// <summary>The txid of a static code, or null when 62-05 is <c>***</c> or absent.</summary>
    public string? TxId => ReferenceLabel is null or Tags.NoTxId ? null : ReferenceLabel;

    /// <summary>Sub-objects of template 26 not defined by the Pix profile, kept as-is in ID order.</summary>
    public IReadOnlyList<BrCodeField> AccountExtraFields { get => _accountExtra; private init => _accountExtra = ToArray(value); }

    /// <summary>Sub-objects of template 62 other than 05, kept as-is in ID order.</summary>
    public IReadOnlyList<BrCodeField> AdditionalDataFields { get => _additionalExtra; private init => _additionalExtra = ToArray(value); }

    /// <summary>
    /// Top-level objects of other schemes or without a Pix meaning (02–25, 27–51, 55–57, 64–79), kept as-is in ID order.
    /// </summary>
    public IReadOnlyList<BrCodeField> OtherFields { get => _other; private init => _other = ToArray(value); }

    /// <summary>Unreserved templates 80–99 (e.g. Pix Automático's 80), kept as-is in ID order.</summary>
    public IReadOnlyList<BrCodeField> UnreservedTemplates { get => _unreserved; private init => _unreserved = ToArray(value); }

    /// <summary>Tag 63: the CRC-16/CCITT-FALSE as decoded, or as computed when the code was created.</summary>
    public ushort Crc { get; private set; }

    internal static BrCode FromLayout(ReadOnlySpan<char> s, in BrCodeLayout layout)
    {
        var account = layout.Account.Slice(s);
        var additional = layout.AdditionalData.Slice(s);
        return new BrCode
        {
            PayloadFormatIndicator = layout.PayloadFormat.ToStringOrNull(s) ?? "01",
            PointOfInitiation = layout.PointOfInitiation.Slice(s) switch
            {
                "11" => PointOfInitiationMethod.Reusable,
                "12" => PointOfInitiationMethod.SingleUse,
                _ => null,
            },
            Kind = layout.Kind,
            Gui = layout.Gui.ToStringOrNull(s) ?? Tags.PixGui,
            Key = layout.Key.ToStringOrNull(s),
            AdditionalInfo = layout.AdditionalInfo.ToStringOrNull(s),
            Fss = layout.Fss.ToStringOrNull(s),
            Url = layout.Url.ToStringOrNull(s),
            MerchantCategoryCode = layout.MerchantCategoryCode.ToStringOrNull(s) ?? "0000",
            CurrencyCode = layout.Currency.ToStringOrNull(s) ?? "986",
            Amount = layout.Amount.IsPresent ? layout.AmountCentavos : null,
            CountryCode = layout.Country.ToStringOrNull(s) ?? "BR",
            MerchantName = layout.MerchantName.ToStringOrNull(s) ?? "",
            MerchantCity = layout.MerchantCity.ToStringOrNull(s) ?? "",
            PostalCode = layout.PostalCode.ToStringOrNull(s),
            ReferenceLabel = layout.ReferenceLabel.ToStringOrNull(s),
            AccountExtraFields = Collect(account, static t => !Tags.IsKnownAccountTag(t)),
            AdditionalDataFields = Collect(additional, static t => t != Tags.AdditionalReferenceLabel),
            OtherFields = layout.OtherTopLevelCount == 0 ? [] : Collect(s, static t => !Tags.IsKnownTopLevel(t) && !Tags.IsUnreserved(t)),
            UnreservedTemplates = layout.OtherTopLevelCount == 0 ? [] : Collect(s, Tags.IsUnreserved),
            Crc = layout.CrcValue,
        };
    }

    private static BrCodeField[] ToArray(IReadOnlyList<BrCodeField> fields) => fields as BrCodeField[] ?? [.. fields];

    /// <summary>Re-walks a level (already validated) and keeps the objects the model has no property for.</summary>
    private static BrCodeField[] Collect(ReadOnlySpan<char> level, Func<int, bool> keep)
    {
        List<BrCodeField>? fields = null;
        var reader = new TlvReader(level, 0);
        while (reader.Read(out var tag, out var start, out var length) == TlvStatus.Ok)
        {
            if (keep(tag))
            {
                (fields ??= []).Add(new BrCodeField(tag, new string(level.Slice(start, length))));
            }
        }

        if (fields is null)
        {
            return [];
        }

        fields.Sort(static (a, b) => a.Tag.CompareTo(b.Tag));
        return [.. fields];
    }
}
