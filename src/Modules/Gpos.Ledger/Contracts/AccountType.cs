namespace Gpos.Ledger.Contracts;

/// <summary>What an account holds (design.md §6: accounts follow the money). Its normal balance side follows from it.</summary>
public enum AccountType
{
    /// <summary>Money held at the PSP for us (asset, debit-normal).</summary>
    PspSettlement,

    /// <summary>Money the card acquirer owes us (asset, debit-normal).</summary>
    AcquirerReceivable,

    /// <summary>Money we owe a merchant (liability, credit-normal).</summary>
    MerchantPayable,

    /// <summary>Merchant money blocked by a cautelar block (liability, credit-normal).</summary>
    MerchantBlocked,

    /// <summary>Refunds owed to payers (liability, credit-normal).</summary>
    Refunds,

    /// <summary>Fees we earn (revenue, credit-normal).</summary>
    Fees,

    /// <summary>Chargebacks owed to the acquirer (liability, credit-normal).</summary>
    Chargebacks,

    /// <summary>Money not yet attributed (asset, debit-normal).</summary>
    Suspense,
}
