using Gpos.Webhooks.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Gpos.Webhooks.Outbox;

/// <summary>
/// Writes the event, its per-resource sequence and its deliveries inside the caller's transaction (design.md §5). Fan-out
/// happens here, at commit time of the change: a registration added later does not receive earlier events.
/// </summary>
internal sealed class WebhookOutbox(TimeProvider time) : IWebhookOutbox
{
    public async Task<EnqueuedEvent> EnqueueAsync(NpgsqlTransaction transaction, MerchantEvent merchantEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(merchantEvent);
        if (!MerchantEventTypes.IsKnown(merchantEvent.Type))
        {
            throw new ArgumentException($"Unknown merchant event type '{merchantEvent.Type}'.", nameof(merchantEvent));
        }

        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has completed.");
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);

        // The counter row is locked until the caller commits, so concurrent changes to one resource get 1, 2, 3... in commit order.
        await using var command = new NpgsqlCommand("""
            WITH seq AS (
                INSERT INTO webhooks.resource_sequences AS s (resource_type, resource_id, last_sequence) VALUES (@rt, @rid, 1)
                ON CONFLICT (resource_type, resource_id) DO UPDATE SET last_sequence = s.last_sequence + 1
                RETURNING last_sequence
            ), ev AS (
                INSERT INTO webhooks.events (id, merchant_id, event_type, resource_type, resource_id, sequence, chave, state, pix_item, occurred_at, created_at)
                SELECT @id, @m, @type, @rt, @rid, seq.last_sequence, @chave, @state, @item, @at, @now FROM seq
                RETURNING sequence
            ), fan AS (
                INSERT INTO webhooks.deliveries (event_id, endpoint_id, status, next_attempt_at, created_at)
                SELECT @id, e.id, 'pending', @now, @now FROM webhooks.endpoints e, ev
                WHERE e.merchant_id = @m AND e.deleted_at IS NULL
                  AND ((e.kind = 'pix' AND @item IS NOT NULL AND e.chave = @chave) OR (e.kind = 'gpos' AND @type = ANY (e.event_types)))
                RETURNING 1
            )
            SELECT (SELECT sequence FROM ev), (SELECT count(*) FROM fan)
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("m", merchantEvent.MerchantId);
        command.Parameters.AddWithValue("type", merchantEvent.Type);
        command.Parameters.AddWithValue("rt", merchantEvent.ResourceType);
        command.Parameters.AddWithValue("rid", merchantEvent.ResourceId);
        command.Parameters.Add(new NpgsqlParameter("chave", NpgsqlDbType.Text) { Value = (object?)merchantEvent.PixKey ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Jsonb) { Value = merchantEvent.State.ToJsonString() });
        command.Parameters.Add(new NpgsqlParameter("item", NpgsqlDbType.Jsonb)
        {
            Value = merchantEvent.PixItem is { } item && merchantEvent.PixKey is not null ? item.ToJsonString() : DBNull.Value,
        });
        command.Parameters.AddWithValue("at", merchantEvent.OccurredAt);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new EnqueuedEvent(id, reader.GetInt64(0), (int)reader.GetInt64(1));
    }
}
