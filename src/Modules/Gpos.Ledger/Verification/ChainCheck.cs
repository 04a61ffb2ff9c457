using System.Security.Cryptography;
using Gpos.Ledger.Contracts;
using Gpos.Ledger.Sealing;

namespace Gpos.Ledger.Verification;

/// <summary>
/// Replays the seal chain from the stored rows: for each seal in order, each covered entry must exist, balance and
/// hash to what was sealed; then the seal's entry digest, count, link to its predecessor and own hash must match.
/// Returns the first difference.
/// </summary>
internal sealed class ChainCheck(IReadOnlyList<StoredSeal> seals) : IDisposable
{
    private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _next;
    private StoredSeal? _open;
    private int _openCount;
    private byte[] _previousHash = SealHash.Genesis();
    private long _previousSeq;

    public long SealsChecked { get; private set; }

    public long EntriesChecked { get; private set; }

    public LedgerBreak? Add(SealedEntryRow row)
    {
        while (_open is null || _open.Seq != row.SealSeq)
        {
            if (Close() is { } broken)
            {
                return broken;
            }

            if (_next >= seals.Count)
            {
                return new LedgerBreak("SealMissing", row.SealSeq, row.EntryId, null,
                    $"sealed_entries names seal {row.SealSeq}, which does not exist");
            }

            _open = seals[_next++];
        }

        EntriesChecked++;
        _openCount++;
        if (row.Entry is null)
        {
            return new LedgerBreak("EntryMissing", row.SealSeq, row.EntryId, null, "sealed entry no longer exists");
        }

        if (row.Entry.BalanceProblem() is { } problem)
        {
            return new LedgerBreak("EntryUnbalanced", row.SealSeq, row.EntryId, null, problem);
        }

        var canonical = CanonicalEntry.Bytes(row.Entry);
        var actual = CanonicalEntry.Sha256(canonical);
        if (!actual.AsSpan().SequenceEqual(row.StoredSha256))
        {
            return new LedgerBreak("EntryHashMismatch", row.SealSeq, row.EntryId, null,
                $"entry or its postings changed since sealed: sha256 {Convert.ToHexStringLower(actual)}, sealed {Convert.ToHexStringLower(row.StoredSha256)}");
        }

        _digest.AppendData(canonical);
        return null;
    }

    /// <summary>Closes the last seal and any seals left that cover no stored entry rows.</summary>
    public LedgerBreak? Finish()
    {
        do
        {
            if (Close() is { } broken)
            {
                return broken;
            }

            _open = _next < seals.Count ? seals[_next++] : null;
        }
        while (_open is not null);

        return null;
    }

    public void Dispose() => _digest.Dispose();

    private LedgerBreak? Close()
    {
        if (_open is not { } seal)
        {
            return null;
        }

        var digest = _digest.GetHashAndReset();
        var count = _openCount;
        _open = null;
        _openCount = 0;
        SealsChecked++;
        if (seal.Seq != _previousSeq + 1 || !seal.PreviousHash.AsSpan().SequenceEqual(_previousHash))
        {
            return new LedgerBreak("ChainBroken", seal.Seq, null, null,
                $"seal {seal.Seq} does not link to seal {_previousSeq} (previous hash or sequence differs)");
        }

        if (count != seal.EntryCount || !digest.AsSpan().SequenceEqual(seal.EntriesSha256))
        {
            return new LedgerBreak("SealEntriesMismatch", seal.Seq, null, null,
                $"seal covers {seal.EntryCount} entries with digest {Convert.ToHexStringLower(seal.EntriesSha256)}; found {count} with digest {Convert.ToHexStringLower(digest)}");
        }

        if (!SealHash.Compute(seal.Seq, _previousHash, digest, count).AsSpan().SequenceEqual(seal.Hash))
        {
            return new LedgerBreak("SealHashMismatch", seal.Seq, null, null, $"seal {seal.Seq}'s stored hash is not the hash of its contents");
        }

        _previousSeq = seal.Seq;
        _previousHash = seal.Hash;
        return null;
    }
}
