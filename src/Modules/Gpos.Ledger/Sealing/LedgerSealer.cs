using Gpos.Ledger.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Ledger.Sealing;

/// <summary>
/// Appends one seal per round over the entries that are committed and not yet sealed, in the order this sealer sees
/// them committed. Entries are found by "unsealed and written by a transaction at or after the floor"
/// (<c>ledger.unsealed_entries()</c>), never by an id or time range, so an entry whose transaction commits late (lower
/// id, later commit) is sealed by a later seal instead of being skipped. The floor only narrows the search: it is the
/// xmin of a snapshot taken before a round that sealed everything it could see, and every transaction older than an
/// xmin has finished.
/// </summary>
internal sealed class LedgerSealer(NpgsqlDataSource dataSource, IOptions<LedgerOptions> options, TimeProvider timeProvider,
    LedgerMetrics metrics)
{
    private const string GenesisFloor = "0";

    public async Task<SealBatch> SealOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var xmin = await TryLockAsync(connection, transaction, cancellationToken);
        if (xmin is null)
        {
            return SealBatch.NotLeader;
        }

        var previous = await ReadLastSealAsync(connection, transaction, cancellationToken);
        var batchSize = options.Value.SealBatchSize;
        var entries = await ReadUnsealedAsync(connection, transaction, batchSize, cancellationToken);
        if (entries.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return new SealBatch(true, null, 0, false);
        }

        var full = entries.Count == batchSize;
        var seal = SealDraft.Create(previous.Seq + 1, previous.Hash, entries, full ? previous.Floor : xmin, timeProvider.GetUtcNow());
        await using (var batch = seal.ToBatch(connection, transaction))
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.Sealed(entries.Count, seal.SealedAt - entries.Min(e => e.CreatedAt));
        return new SealBatch(true, seal.Seq, entries.Count, full);
    }

    /// <summary>Refreshes the seal-lag gauge from the oldest entry not sealed yet.</summary>
    public async Task ObserveLagAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT min(e.created_at) FROM ledger.unsealed_entries() e
            """);
        var oldest = await command.ExecuteScalarAsync(cancellationToken);
        metrics.OldestUnsealed(oldest is DateTime or DateTimeOffset ? Convert(oldest) : null);
    }

    private static DateTimeOffset Convert(object value) =>
        value is DateTimeOffset offset ? offset : new DateTimeOffset(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc));

    // The xmin comes from a snapshot taken before the batch is read: every transaction older than it had finished,
    // so its entries are visible to the later read.
    private static async Task<string?> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = LedgerCommand.Create(
            "SELECT pg_try_advisory_xact_lock($1), pg_snapshot_xmin(pg_current_snapshot())::text",
            connection, transaction, SealerLock.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetBoolean(0) ? reader.GetString(1) : null;
    }

    private static async Task<(long Seq, byte[] Hash, string Floor)> ReadLastSealAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = LedgerCommand.Create(
            "SELECT seq, hash, xact_floor::text FROM ledger.seals ORDER BY seq DESC LIMIT 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSeal(reader) : (0, SealHash.Genesis(), GenesisFloor);
    }

    private static (long Seq, byte[] Hash, string Floor) ReadSeal(NpgsqlDataReader reader) =>
        (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2));

    private static async Task<List<JournalRecord>> ReadUnsealedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        int batchSize, CancellationToken cancellationToken)
    {
        await using var command = LedgerCommand.Create(
            $"SELECT {JournalRecordReader.Columns} FROM ledger.unsealed_entries() e ORDER BY e.id LIMIT $1",
            connection, transaction, batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<JournalRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(JournalRecordReader.Read(reader, 0)!);
        }

        return entries;
    }
}
