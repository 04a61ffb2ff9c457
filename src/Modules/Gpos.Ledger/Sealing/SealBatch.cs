namespace Gpos.Ledger.Sealing;

/// <summary>What one sealing round did: <see cref="Seq"/> is null when nothing was sealed (or the lock was elsewhere).</summary>
internal sealed record SealBatch(bool LockAcquired, long? Seq, int EntryCount, bool Full)
{
    public static SealBatch NotLeader { get; } = new(false, null, 0, false);
}
