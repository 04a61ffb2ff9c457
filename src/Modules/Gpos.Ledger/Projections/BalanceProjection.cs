using Gpos.Ledger.Sealing;
using Npgsql;

namespace Gpos.Ledger.Projections;

/// <summary>
/// The balance projection: per account, posted debits and credits of the sealed entries, kept by the sealer in the same
/// transaction as each seal. It is derived data: <see cref="RebuildAsync"/> recomputes it from the journal.
/// </summary>
internal sealed class BalanceProjection(NpgsqlDataSource dataSource)
{
    /// <summary>Recomputed from the sealed entries' postings (the definition the live projection must match).</summary>
    public const string ComputedSql = """
        SELECT p.account_id,
               coalesce(sum(p.amount) FILTER (WHERE p.direction = 'debit'), 0)::bigint AS debits,
               coalesce(sum(p.amount) FILTER (WHERE p.direction = 'credit'), 0)::bigint AS credits
        FROM ledger.postings p JOIN ledger.sealed_entries s ON s.entry_id = p.entry_id
        GROUP BY p.account_id
        """;

    /// <summary>Throws the projection away and recomputes it, holding the sealer lock so no seal moves it meanwhile.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Positional parameters allow one statement per command: a batch keeps it to one round trip.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter { Value = SealerLock.Key } } },
                new NpgsqlBatchCommand("DELETE FROM ledger.balance_projection"),
                new NpgsqlBatchCommand($"""
                    INSERT INTO ledger.balance_projection (account_id, debits, credits, seal_seq)
                    SELECT c.account_id, c.debits, c.credits, (SELECT coalesce(max(seq), 0) FROM ledger.seals)
                    FROM ({ComputedSql}) c
                    """),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The projection as stored: account id → (debits, credits).</summary>
    public async Task<IReadOnlyDictionary<long, (long Debits, long Credits)>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT account_id, debits, credits FROM ledger.balance_projection");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<long, (long, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return rows;
    }
}
