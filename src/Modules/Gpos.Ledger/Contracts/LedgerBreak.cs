namespace Gpos.Ledger.Contracts;

/// <summary>
/// The first inconsistency found: where (<paramref name="SealSeq"/>, <paramref name="EntryId"/>, or
/// <paramref name="AccountCode"/> for the projection) and what differs, e.g. <c>EntryHashMismatch</c>.
/// </summary>
public sealed record LedgerBreak(string Kind, long? SealSeq, long? EntryId, string? AccountCode, string Detail);
