using Npgsql;

namespace Gpos.Cards.Saf;

/// <summary>
/// Manual intervention on store-and-forward items: the append-only events (<c>cards.saf_interventions</c>) and the ops
/// re-queue, which clears the flag and gives the item a fresh set of attempts.
/// </summary>
internal sealed class SafInterventions(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public enum RequeueResult
    {
        Requeued,
        NotFound,
        NotFlagged,
    }

    public static async Task RecordAsync(NpgsqlTransaction tx, SafQueue queue, Guid id, string action, int attempts, string detail,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO cards.saf_interventions (item_kind, item_id, action, attempts, detail, occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, tx.Connection, tx);
        object[] values = [queue.Kind, id, action, attempts, detail, at];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RequeueResult> RequeueAsync(SafQueue queue, Guid id, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        int attempts;
        bool flagged;
        await using (var select = new NpgsqlCommand(
            $"SELECT attempts, flagged_at IS NOT NULL FROM {queue.Table} WHERE {queue.IdColumn} = $1 FOR UPDATE", connection, tx))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return RequeueResult.NotFound;
            }

            attempts = reader.GetInt32(0);
            flagged = reader.GetBoolean(1);
        }

        if (!flagged)
        {
            return RequeueResult.NotFlagged;
        }

        var at = clock.GetUtcNow();
        await using (var update = new NpgsqlCommand(
            $"UPDATE {queue.Table} SET flagged_at = NULL, strikes = 0, next_attempt_at = $2 WHERE {queue.IdColumn} = $1", connection, tx))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            update.Parameters.Add(new NpgsqlParameter { Value = at });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await RecordAsync(tx, queue, id, "requeued", attempts, "re-queued by " + actor, at, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return RequeueResult.Requeued;
    }
}
