namespace Gpos.Ledger.Contracts;

/// <summary>Why the ledger refused a request. Nothing was written, and the caller's transaction is still usable.</summary>
public enum LedgerRejection
{
    Unbalanced,
    NonPositiveAmount,
    TooFewPostings,
    UnknownAccount,
    CurrencyMismatch,
    InvalidInput,
    AccountConflict,
    SameAccount,
    HoldNotFound,
    HoldAlreadyResolved,
    HoldOverResolved,
}
