namespace Gpos.BuildingBlocks.Identity;

/// <summary>Authorization policy names (design.md §2). Each maps to the caller kinds it admits.</summary>
public static class GposPolicies
{
    public const string Terminal = "Terminal";
    public const string Merchant = "Merchant";
    /// <summary>Merchant backends and the merchant's terminals: the Pix charge surface.</summary>
    public const string MerchantOrTerminal = "MerchantOrTerminal";
    public const string Psp = "Psp";
    public const string Ops = "Ops";
}
