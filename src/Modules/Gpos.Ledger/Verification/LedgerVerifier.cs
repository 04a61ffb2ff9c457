using System.Data;
using Gpos.Ledger.Contracts;
using Gpos.Ledger.Projections;
using Gpos.Ledger.Sealing;
using Npgsql;

namespace Gpos.Ledger.Verification;

/// <summary>
/// <see cref="ILedgerVerifier"/>: in one REPEATABLE READ snapshot, replays the seal chain over the stored entries,
/// checks that entries not sealed yet balance, and compares the balance projection with a recomputation.
/// </summary>
internal sealed class LedgerVerifier(NpgsqlDataSource dataSource) : ILedgerVerifier
{
    public async Task<LedgerVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        using var chain = new ChainCheck(await ReadSealsAsync(connection, transaction, cancellationToken));
        var broken = await ReplaySealedAsync(connection, transaction, chain, cancellationToken) ?? chain.Finish();
        var (unsealed, unbalanced) = await CheckUnsealedAsync(connection, transaction, cancellationToken);
        broken ??= unbalanced;
        broken ??= await CheckProjectionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LedgerVerification(broken is null, chain.SealsChecked, chain.EntriesChecked, unsealed, broken);
    }

    private static async Task<List<StoredSeal>> ReadSealsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT seq, prev_hash, entries_sha256, hash, entry_count FROM ledger.seals ORDER BY seq", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var seals = new List<StoredSeal>();
        while (await reader.ReadAsync(cancellationToken))
        {
            seals.Add(ReadSeal(reader));
        }

        return seals;
    }

    private static async Task<LedgerBreak?> ReplaySealedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        ChainCheck chain, CancellationToken cancellationToken)
    {
        // The sealed_entries view unnests each seal's entry list once; one row per sealed entry, in seal and position order.
        await using var command = new NpgsqlCommand($"""
            SELECT se.seal_seq, se.position, se.entry_id, se.entry_sha256, {JournalRecordReader.Columns}
            FROM ledger.sealed_entries se
            LEFT JOIN ledger.journal_entries e ON e.id = se.entry_id
            ORDER BY se.seal_seq, se.position
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = ReadRow(reader);
            row.Entry = JournalRecordReader.Read(reader, 4);
            if (chain.Add(row) is { } broken)
            {
                return broken;
            }
        }

        return null;
    }

    private static async Task<(long Count, LedgerBreak? Unbalanced)> CheckUnsealedAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH unsealed AS (
                SELECT e.id, e.directions, e.amounts, e.currencies FROM ledger.journal_entries e
                WHERE NOT EXISTS (SELECT 1 FROM ledger.sealed_entries s WHERE s.entry_id = e.id))
            SELECT (SELECT count(*) FROM unsealed),
                   (SELECT u.id FROM unsealed u
                    WHERE ledger.legs_problem(u.directions, u.amounts, u.currencies) IS NOT NULL
                    ORDER BY u.id LIMIT 1)
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadUnsealed(reader);
    }

    private static async Task<LedgerBreak?> CheckProjectionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT coalesce(c.account_id, b.account_id), a.code, c.debits, c.credits, b.debits, b.credits
            FROM ({BalanceProjection.ComputedSql}) c
            FULL JOIN ledger.balance_projection b ON b.account_id = c.account_id
            LEFT JOIN ledger.accounts a ON a.id = coalesce(c.account_id, b.account_id)
            WHERE c.debits IS DISTINCT FROM b.debits OR c.credits IS DISTINCT FROM b.credits
            ORDER BY 1 LIMIT 1
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadProjectionBreak(reader) : null;
    }

    // Row mapping is synchronous on purpose: the row is already buffered (non-sequential reader), nothing blocks.
    private static StoredSeal ReadSeal(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2),
            reader.GetFieldValue<byte[]>(3), reader.GetInt32(4));

    private static SealedEntryRow ReadRow(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));

    private static (long Count, LedgerBreak? Unbalanced) ReadUnsealed(NpgsqlDataReader reader) =>
        (reader.GetInt64(0), reader.IsDBNull(1) ? null
            : new LedgerBreak("EntryUnbalanced", null, reader.GetInt64(1), null, "unsealed entry does not balance"));

    private static LedgerBreak ReadProjectionBreak(NpgsqlDataReader reader)
    {
        string Value(int i) => reader.IsDBNull(i) ? "none" : reader.GetInt64(i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new LedgerBreak("ProjectionMismatch", null, null, reader.IsDBNull(1) ? null : reader.GetString(1),
            $"journal: debits {Value(2)} credits {Value(3)}; projection: debits {Value(4)} credits {Value(5)}");
    }
}
