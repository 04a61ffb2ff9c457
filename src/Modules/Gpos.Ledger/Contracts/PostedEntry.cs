namespace Gpos.Ledger.Contracts;

/// <summary>The entry for a source key; <paramref name="Created"/> is false when an earlier post already wrote it.</summary>
public sealed record PostedEntry(long EntryId, bool Created);
