namespace Gpos.Ledger.Contracts;

/// <summary>Outcome of a verification: <see cref="Ok"/>, or the first broken link found.</summary>
public sealed record LedgerVerification(bool Ok, long SealsChecked, long EntriesChecked, long UnsealedEntries,
    LedgerBreak? FirstBreak);
