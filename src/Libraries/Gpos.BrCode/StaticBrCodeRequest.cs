namespace Gpos.BrCode;

/// <summary>What a static BR Code (a DICT key, reusable) carries.</summary>
public sealed record StaticBrCodeRequest
{
    /// <summary>26-01, the DICT key: CPF/CNPJ digits, <c>+55…</c> phone, e-mail or EVP UUID; 1–77 ASCII.</summary>
    public required string Key { get; init; }

    /// <summary>Tag 59; folded to upper-case ASCII and cut to 25.</summary>
    public required string MerchantName { get; init; }

    /// <summary>Tag 60; folded to upper-case ASCII and cut to 15.</summary>
    public required string MerchantCity { get; init; }

    /// <summary>Tag 54 in centavos (1 to 999,999,999,999), or null to let the payer type it.</summary>
    public long? Amount { get; init; }

    /// <summary>62-05, 1–25 ASCII letters and digits, or null for <c>***</c>.</summary>
    public string? TxId { get; init; }

    /// <summary>26-02, infoAdicional (≤ 72 after folding diacritics); key + info must fit template 26 (≤ 99).</summary>
    public string? AdditionalInfo { get; init; }

    /// <summary>26-03, ISPB of the withdrawal facilitator (Pix Saque/Troco), exactly 8 characters.</summary>
    public string? Fss { get; init; }

    /// <summary>Tag 61, postal code (CEP), ≤ 10.</summary>
    public string? PostalCode { get; init; }

    /// <summary>Tag 52, 4 digits; <c>0000</c> by default.</summary>
    public string MerchantCategoryCode { get; init; } = "0000";
}
