namespace Gpos.BrCode;

/// <summary>What a dynamic BR Code (a payload location, single use) carries.</summary>
public sealed record DynamicBrCodeRequest
{
    /// <summary>26-25, the PSP's payload location without scheme (a leading <c>https://</c> is removed and reported); ≤ 77.</summary>
    public required string Url { get; init; }

    /// <summary>Tag 59; folded to upper-case ASCII and cut to 25.</summary>
    public required string MerchantName { get; init; }

    /// <summary>Tag 60; folded to upper-case ASCII and cut to 15.</summary>
    public required string MerchantCity { get; init; }

    /// <summary>Tag 54 in centavos for display, or null (the JWS payload is the source of truth).</summary>
    public long? Amount { get; init; }

    /// <summary>Tag 61, postal code (CEP), ≤ 10.</summary>
    public string? PostalCode { get; init; }

    /// <summary>Tag 52, 4 digits; <c>0000</c> by default.</summary>
    public string MerchantCategoryCode { get; init; } = "0000";
}
