using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace Gpos.Ledger.Sealing;

/// <summary>A seal computed in memory, and the statements that append it (with its entry list) and its projection delta.</summary>
internal sealed class SealDraft
{
    private SealDraft(long seq, byte[] previousHash, List<JournalRecord> entries, string floor, DateTimeOffset sealedAt)
    {
        Seq = seq;
        PreviousHash = previousHash;
        Entries = entries;
        Floor = floor;
        SealedAt = sealedAt;
    }

    public long Seq { get; }

    public byte[] PreviousHash { get; }

    public List<JournalRecord> Entries { get; }

    public string Floor { get; }

    public DateTimeOffset SealedAt { get; }

    public byte[][] EntryHashes { get; private set; } = [];

    public byte[] EntriesSha256 { get; private set; } = [];

    public byte[] Hash { get; private set; } = [];

    public static SealDraft Create(long seq, byte[] previousHash, List<JournalRecord> entries, string floor, DateTimeOffset sealedAt)
    {
        var draft = new SealDraft(seq, previousHash, entries, floor, sealedAt);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        draft.EntryHashes = new byte[entries.Count][];
        for (var i = 0; i < entries.Count; i++)
        {
            var canonical = CanonicalEntry.Bytes(entries[i]);
            draft.EntryHashes[i] = CanonicalEntry.Sha256(canonical);
            digest.AppendData(canonical);
        }

        draft.EntriesSha256 = digest.GetHashAndReset();
        draft.Hash = SealHash.Compute(seq, previousHash, draft.EntriesSha256, entries.Count);
        return draft;
    }

    public NpgsqlBatch ToBatch(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("""
            INSERT INTO ledger.seals (seq, prev_seq, prev_hash, entries_sha256, hash, entry_count, first_entry_id,
                                      last_entry_id, xact_floor, sealed_at, entry_ids, entry_hashes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::xid8, $10, $11, $12)
            """, Seq, Seq == 1 ? DBNull.Value : Seq - 1, PreviousHash, EntriesSha256, Hash, Entries.Count,
            Entries[0].Id, Entries[^1].Id, new NpgsqlParameter { Value = Floor, NpgsqlDbType = NpgsqlDbType.Text }, SealedAt,
            Entries.Select(e => e.Id).ToArray(), EntryHashes));
        var deltas = Entries.SelectMany(e => e.Postings).GroupBy(p => p.AccountId).OrderBy(g => g.Key).ToList();
        batch.BatchCommands.Add(Command("""
            INSERT INTO ledger.balance_projection AS b (account_id, debits, credits, seal_seq)
            SELECT u.account_id, u.debits, u.credits, $4 FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) u(account_id, debits, credits)
            ON CONFLICT (account_id) DO UPDATE
                SET debits = b.debits + EXCLUDED.debits, credits = b.credits + EXCLUDED.credits, seal_seq = EXCLUDED.seal_seq
            """, deltas.Select(g => g.Key).ToArray(),
            deltas.Select(g => g.Where(p => p.Direction == "debit").Sum(p => p.Amount)).ToArray(),
            deltas.Select(g => g.Where(p => p.Direction == "credit").Sum(p => p.Amount)).ToArray(), Seq));
        return batch;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
