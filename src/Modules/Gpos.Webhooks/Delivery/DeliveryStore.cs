using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Webhooks.Delivery;

/// <summary>
/// The deliveries work queue. A claim is a short transaction: lock due rows with <c>FOR UPDATE SKIP LOCKED</c> (so instances
/// never claim the same row) and move their <c>next_attempt_at</c> past the attempt timeout (the lease), then commit. No
/// connection or row lock is held while the POST is in flight; if the instance dies the lease runs out and the row is due
/// again (at-least-once). Results are recorded only by the lease holder.
/// </summary>
internal sealed class DeliveryStore(NpgsqlDataSource db, IOptions<WebhooksOptions> options, TimeProvider time)
{
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

    public async Task<List<ClaimedDelivery>> ClaimAsync(int limit, Guid[] busyEndpoints, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = now + options.Value.AttemptTimeout + LeaseMargin;
        await using var command = db.CreateCommand("""
            WITH due AS (
                SELECT d.id, d.next_attempt_at AS due_at FROM webhooks.deliveries d
                JOIN webhooks.endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND e.disabled_at IS NULL AND e.deleted_at IS NULL
                  AND d.endpoint_id <> ALL ($4)
                ORDER BY d.next_attempt_at
                LIMIT $2
                FOR UPDATE OF d SKIP LOCKED
            )
            UPDATE webhooks.deliveries d SET next_attempt_at = $3
            FROM due, webhooks.events ev, webhooks.endpoints e
            WHERE d.id = due.id AND ev.id = d.event_id AND e.id = d.endpoint_id
            RETURNING d.id, d.attempts, due.due_at, e.id, e.kind, e.url,
                ARRAY(SELECT s.secret FROM (
                        SELECT secret, id, lead(created_at) OVER (ORDER BY id) AS superseded_at
                        FROM webhooks.endpoint_secrets WHERE endpoint_id = e.id) s
                      WHERE s.superseded_at IS NULL OR s.superseded_at > $5 ORDER BY s.id DESC),
                ev.id, ev.event_type, ev.resource_type, ev.resource_id, ev.sequence, ev.merchant_id, ev.state::text, ev.pix_item::text,
                ev.occurred_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = lease });
        command.Parameters.Add(new NpgsqlParameter { Value = busyEndpoints });
        command.Parameters.Add(new NpgsqlParameter { Value = now - options.Value.SecretRotationOverlap });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(Read(reader, lease));
        }

        return claimed;
    }

    private static ClaimedDelivery Read(NpgsqlDataReader reader, DateTimeOffset lease) => new(reader.GetInt64(0), reader.GetInt32(1),
        reader.GetFieldValue<DateTimeOffset>(2), lease, reader.GetGuid(3), reader.GetString(4), reader.GetString(5),
        reader.GetFieldValue<string[]>(6), reader.GetGuid(7), reader.GetString(8), reader.GetString(9), reader.GetString(10),
        reader.GetInt64(11), reader.GetString(12), reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetString(14),
        reader.GetFieldValue<DateTimeOffset>(15));

    /// <summary>Gives a claimed delivery back untouched (its endpoint is at its in-flight limit in this instance).</summary>
    public async Task ReleaseAsync(ClaimedDelivery claim, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(
            "UPDATE webhooks.deliveries SET next_attempt_at = $3 WHERE id = $1 AND status = 'pending' AND next_attempt_at = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = claim.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = claim.LeaseUntil });
        command.Parameters.Add(new NpgsqlParameter { Value = claim.DueAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records the attempt (append-only) and moves the delivery on: delivered, rescheduled, dead-lettered after the schedule, or,
    /// for a 410, left pending behind its now disabled endpoint (re-enabling resumes it). Returns the new status.
    /// </summary>
    public async Task<string> RecordAsync(ClaimedDelivery claim, AttemptResult result, DateTimeOffset startedAt, string instance,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempts = result.Outcome == AttemptOutcome.CircuitOpen ? claim.Attempts : claim.Attempts + 1;
        var (status, next) = Next(result, attempts, now);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand("""
            UPDATE webhooks.deliveries SET status = @status, attempts = @attempts, next_attempt_at = @next,
                last_status = coalesce(@http, last_status), finished_at = CASE WHEN @status = 'pending' THEN NULL ELSE @now END
            WHERE id = @id AND status = 'pending' AND next_attempt_at = @lease
            """, connection, tx);
        update.Parameters.AddWithValue("status", status);
        update.Parameters.AddWithValue("attempts", attempts);
        update.Parameters.AddWithValue("next", next);
        update.Parameters.Add(new NpgsqlParameter("http", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)result.HttpStatus ?? DBNull.Value });
        update.Parameters.AddWithValue("now", now);
        update.Parameters.AddWithValue("id", claim.Id);
        update.Parameters.AddWithValue("lease", claim.LeaseUntil);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return "lost-lease"; // replayed or re-claimed meanwhile: the other holder records its own attempt
        }

        if (result.Outcome != AttemptOutcome.CircuitOpen)
        {
            await InsertAttemptAsync(tx, claim, attempts, result, startedAt, instance, cancellationToken);
        }

        if (result.Outcome == AttemptOutcome.Gone)
        {
            await using var disable = new NpgsqlCommand(
                "UPDATE webhooks.endpoints SET disabled_at = @now, disabled_reason = @reason WHERE id = @id AND disabled_at IS NULL", connection, tx);
            disable.Parameters.AddWithValue("now", now);
            disable.Parameters.AddWithValue("reason", "410 Gone from the receiver");
            disable.Parameters.AddWithValue("id", claim.EndpointId);
            await disable.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return status;
    }

    private (string Status, DateTimeOffset Next) Next(AttemptResult result, int attempts, DateTimeOffset now)
    {
        var schedule = options.Value.Schedule;
        switch (result.Outcome)
        {
            case AttemptOutcome.Delivered:
                return ("delivered", now);
            case AttemptOutcome.Gone:
                return ("pending", now);
            case AttemptOutcome.CircuitOpen:
                return ("pending", now + options.Value.BreakerBreakDuration);
        }

        if (attempts > schedule.Count)
        {
            return ("dead", now);
        }

        var delay = Jitter(schedule[attempts - 1]);
        if (result.RetryAfter is { } retryAfter && retryAfter > delay)
        {
            delay = retryAfter < options.Value.MaxRetryAfter ? retryAfter : options.Value.MaxRetryAfter;
        }

        return ("pending", now + delay);
    }

    // ±20 % so that deliveries failed together (an outage) do not all come back in the same second.
    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    private static async Task InsertAttemptAsync(NpgsqlTransaction tx, ClaimedDelivery claim, int attempt, AttemptResult result,
        DateTimeOffset startedAt, string instance, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO webhooks.attempts (delivery_id, attempt, started_at, duration_ms, http_status, outcome, error, response_body, instance)
            VALUES (@d, @a, @s, @ms, @http, @outcome, @error, @body, @instance)
            """, tx.Connection, tx);
        command.Parameters.AddWithValue("d", claim.Id);
        command.Parameters.AddWithValue("a", attempt);
        command.Parameters.AddWithValue("s", startedAt);
        command.Parameters.AddWithValue("ms", (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds));
        command.Parameters.Add(new NpgsqlParameter("http", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)result.HttpStatus ?? DBNull.Value });
        command.Parameters.AddWithValue("outcome", result.Outcome.ToString().ToLowerInvariant());
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)Truncate(result.Error) ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("body", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)Truncate(result.ResponseBody) ?? DBNull.Value });
        command.Parameters.AddWithValue("instance", instance);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Truncate(string? text) => text is { Length: > 1024 } ? text[..1024] : text;
}
