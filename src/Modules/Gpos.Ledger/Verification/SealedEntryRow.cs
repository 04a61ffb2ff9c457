using Gpos.Ledger.Sealing;

namespace Gpos.Ledger.Verification;

/// <summary>One <c>sealed_entries</c> row with the entry it points at (null when the entry row is gone).</summary>
internal sealed class SealedEntryRow(long sealSeq, int position, long entryId, byte[] storedSha256)
{
    public long SealSeq { get; } = sealSeq;

    public int Position { get; } = position;

    public long EntryId { get; } = entryId;

    public byte[] StoredSha256 { get; } = storedSha256;

    public JournalRecord? Entry { get; set; }
}
