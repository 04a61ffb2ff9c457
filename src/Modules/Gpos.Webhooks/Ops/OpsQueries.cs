using Npgsql;
using NpgsqlTypes;

namespace Gpos.Webhooks.Ops;

internal sealed record DeliverySummary(long Id, Guid EventId, string EventType, string MerchantId, Guid EndpointId, string Url, string Status,
    int Attempts, int? LastStatus, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? FinishedAt);

internal sealed record AttemptView(int Attempt, DateTimeOffset StartedAt, int DurationMs, int? HttpStatus, string Outcome, string? Error,
    string? ResponseBody, string Instance);

internal sealed record DeliveryDetail(DeliverySummary Delivery, IReadOnlyList<AttemptView> Attempts);

/// <summary>Ops reads and replays over the deliveries queue.</summary>
internal sealed class OpsQueries(NpgsqlDataSource db, TimeProvider time)
{
    private const string Select = """
        SELECT d.id, d.event_id, ev.event_type, ev.merchant_id, d.endpoint_id, e.url, d.status, d.attempts, d.last_status, d.created_at,
               d.next_attempt_at, d.finished_at
        FROM webhooks.deliveries d JOIN webhooks.events ev ON ev.id = d.event_id JOIN webhooks.endpoints e ON e.id = d.endpoint_id
        """;

    public async Task<IReadOnlyList<DeliverySummary>> ListAsync(string? status, string? merchantId, int limit, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(Select + """
             WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR ev.merchant_id = $2) ORDER BY d.id DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)merchantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<DeliverySummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public async Task<DeliveryDetail?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Select + " WHERE d.id = $1") { Parameters = { new NpgsqlParameter { Value = id } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT attempt, started_at, duration_ms, http_status, outcome, error, response_body, instance
            FROM webhooks.attempts WHERE delivery_id = $1 ORDER BY id
            """) { Parameters = { new NpgsqlParameter { Value = id } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var delivery = Read(reader);
        await reader.NextResultAsync(cancellationToken);
        var attempts = new List<AttemptView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(ReadAttempt(reader));
        }

        return new DeliveryDetail(delivery, attempts);
    }

    /// <summary>Makes deliveries due now with a fresh schedule (the same webhook-id, so receivers still dedupe); each replay is recorded.</summary>
    public async Task<int> ReplayAsync(string requestedBy, long? id, ReplayRangeRequest? range, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("""
            WITH r AS (
                UPDATE webhooks.deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, finished_at = NULL
                WHERE ($2::bigint IS NOT NULL AND id = $2)
                   OR ($2::bigint IS NULL AND created_at BETWEEN $3 AND $4 AND status = coalesce($5, 'dead') AND ($6::uuid IS NULL OR endpoint_id = $6))
                RETURNING id
            )
            INSERT INTO webhooks.replays (delivery_id, requested_by, requested_at) SELECT id, $7, $1 FROM r
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = range?.From ?? DateTimeOffset.MinValue, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = range?.To ?? DateTimeOffset.MinValue, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)range?.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)range?.EndpointId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = requestedBy });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AttemptView ReadAttempt(NpgsqlDataReader r) => new(r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInt32(2),
        r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
        r.GetString(7));

    private static DeliverySummary Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetGuid(4),
        r.GetString(5), r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.GetFieldValue<DateTimeOffset>(9),
        r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11));
}
