using Gpos.Ledger.Contracts;

namespace Gpos.Ledger.Persistence;

/// <summary>The database spelling of the contract enums (snake_case text with CHECK constraints, see the migrations).</summary>
internal static class LedgerNames
{
    public static string ToDb(this AccountType type) => type switch
    {
        AccountType.PspSettlement => "psp_settlement",
        AccountType.AcquirerReceivable => "acquirer_receivable",
        AccountType.MerchantPayable => "merchant_payable",
        AccountType.MerchantBlocked => "merchant_blocked",
        AccountType.Refunds => "refunds",
        AccountType.Fees => "fees",
        AccountType.Chargebacks => "chargebacks",
        AccountType.Suspense => "suspense",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static AccountType ToAccountType(string value) => value switch
    {
        "psp_settlement" => AccountType.PspSettlement,
        "acquirer_receivable" => AccountType.AcquirerReceivable,
        "merchant_payable" => AccountType.MerchantPayable,
        "merchant_blocked" => AccountType.MerchantBlocked,
        "refunds" => AccountType.Refunds,
        "fees" => AccountType.Fees,
        "chargebacks" => AccountType.Chargebacks,
        "suspense" => AccountType.Suspense,
        _ => throw new InvalidOperationException($"Unknown account type '{value}' in the database."),
    };

    /// <summary>Assets and expenses grow by debits; liabilities and revenue by credits.</summary>
    public static BalanceSide NormalSide(this AccountType type) => type switch
    {
        AccountType.PspSettlement or AccountType.AcquirerReceivable or AccountType.Suspense => BalanceSide.Debit,
        _ => BalanceSide.Credit,
    };

    public static string ToDb(this BalanceSide side) => side == BalanceSide.Debit ? "debit" : "credit";

    public static BalanceSide ToSide(string value) => value switch
    {
        "debit" => BalanceSide.Debit,
        "credit" => BalanceSide.Credit,
        _ => throw new InvalidOperationException($"Unknown side '{value}' in the database."),
    };

    public static string ToDb(this HoldKind kind) => kind == HoldKind.Authorization ? "authorization" : "cautelar_block";

    public static string ToDb(this HoldOutcome outcome) => outcome == HoldOutcome.Posted ? "posted" : "voided";

    public static LedgerRejection ToRejection(string status) => status switch
    {
        "unbalanced" => LedgerRejection.Unbalanced,
        "non_positive_amount" => LedgerRejection.NonPositiveAmount,
        "too_few_postings" => LedgerRejection.TooFewPostings,
        "malformed_postings" => LedgerRejection.InvalidInput,
        "unknown_account" => LedgerRejection.UnknownAccount,
        "currency_mismatch" => LedgerRejection.CurrencyMismatch,
        "same_account" => LedgerRejection.SameAccount,
        "hold_not_found" => LedgerRejection.HoldNotFound,
        "hold_already_resolved" => LedgerRejection.HoldAlreadyResolved,
        "hold_over_resolved" => LedgerRejection.HoldOverResolved,
        _ => throw new InvalidOperationException($"Unknown ledger status '{status}'."),
    };
}
