namespace Gpos.Ledger.Verification;

/// <summary>A seal row as stored.</summary>
internal sealed record StoredSeal(long Seq, byte[] PreviousHash, byte[] EntriesSha256, byte[] Hash, int EntryCount);
