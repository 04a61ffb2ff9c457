using System.Globalization;
using Npgsql;

namespace Gpos.LoadGen.Measurement;

/// <summary>
/// How much work PostgreSQL did for a phase, from its cumulative counters: transactions committed (read-only ones
/// included: every autocommit SELECT is one), rollbacks and rows inserted, updated and deleted (<c>pg_stat_database</c>,
/// all databases), WAL bytes (<c>pg_current_wal_lsn()</c>), WAL records and full-page images, and WAL flushes to disk
/// (<c>pg_stat_wal.wal_sync</c>: what a durable commit waits for).
/// Divided by the operations of the phase it says what one operation costs the database, which, beside the raw INSERT
/// limit (one row, one commit), shows what bounds a scenario. The row and commit counts are approximate: backends
/// publish them at most once a second, so up to a second of work can fall on either side of a phase's edges.
/// </summary>
internal sealed record DatabaseWork(long Commits, long Rollbacks, long RowsInserted, long RowsUpdated, long RowsDeleted, long WalBytes,
    long WalRecords, long WalFullPages, long WalSyncs)
{
    public static async Task<DatabaseWork?> SampleAsync(string? adminConnectionString, CancellationToken cancellationToken)
    {
        if (adminConnectionString is null)
        {
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT sum(xact_commit)::bigint, sum(xact_rollback)::bigint, sum(tup_inserted)::bigint, sum(tup_updated)::bigint,
                   sum(tup_deleted)::bigint, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint,
                   (SELECT wal_records FROM pg_stat_wal), (SELECT wal_fpi FROM pg_stat_wal), (SELECT wal_sync FROM pg_stat_wal)
            FROM pg_stat_database
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseWork(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));
    }

    /// <summary>The work between two samples per operation (null when either sample or the operation count is missing).</summary>
    public static Dictionary<string, double>? PerOperation(DatabaseWork? before, DatabaseWork? after, long operations)
    {
        if (before is null || after is null || operations <= 0)
        {
            return null;
        }

        double Per(long delta) => Math.Round((double)delta / operations, 2);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["transactions"] = Per(after.Commits - before.Commits),
            ["rollbacks"] = Per(after.Rollbacks - before.Rollbacks),
            ["rows inserted"] = Per(after.RowsInserted - before.RowsInserted),
            ["rows updated"] = Per(after.RowsUpdated - before.RowsUpdated),
            ["rows deleted"] = Per(after.RowsDeleted - before.RowsDeleted),
            ["WAL bytes"] = Math.Round((double)(after.WalBytes - before.WalBytes) / operations, 0),
            ["WAL records"] = Per(after.WalRecords - before.WalRecords),
            ["WAL full-page images"] = Per(after.WalFullPages - before.WalFullPages),
            ["WAL flushes"] = Per(after.WalSyncs - before.WalSyncs),
        };
    }

    public static string Describe(IReadOnlyDictionary<string, double> perOperation) =>
        string.Join(", ", perOperation.Where(p => p.Value != 0)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value:0.##} {p.Key}")));
}
