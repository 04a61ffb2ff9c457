using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Gpos.Pix.Lifecycle;

/// <summary>
/// An accepted received Pix with its derived lifecycle: <see cref="State"/> is the latest allowed event's, <see cref="Returned"/>
/// the sum of its returns, <see cref="PendingRefunds"/> the merchant's devoluções still EM_PROCESSAMENTO.
/// </summary>
internal sealed record ReceivedPixRecord(string EndToEndId, string? Txid, string MerchantId, long Valor, DateTimeOffset Horario,
    PixState State, long Returned, long PendingRefunds, JsonObject Payload)
{
    /// <summary>What a new devolução may still take: the amount less returns and refunds in flight ([SPEC] PixDevolucaoInvalida).</summary>
    public long Refundable => Valor - Returned - PendingRefunds;

    public static async Task<ReceivedPixRecord?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string e2eid,
        string? merchantId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, e2eid, merchantId, acceptedOnly: true, cancellationToken)).Accepted;

    /// <summary>
    /// Whether the Pix is recorded here at all (accepted or flagged), and its record when it was accepted: a flagged Pix has
    /// no lifecycle. One statement for what the webhook needs to know of a notified Pix.
    /// </summary>
    public static Task<(bool Recorded, ReceivedPixRecord? Accepted)> LookupAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string e2eid, CancellationToken cancellationToken) =>
        QueryAsync(connection, transaction, e2eid, null, acceptedOnly: false, cancellationToken);

    private static async Task<(bool Recorded, ReceivedPixRecord? Accepted)> QueryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string e2eid, string? merchantId, bool acceptedOnly, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT r.end_to_end_id, r.txid, r.merchant_id, r.valor_centavos, r.horario, r.payload::text,
                (SELECT e.to_state FROM pix.pix_events e WHERE e.end_to_end_id = r.end_to_end_id AND e.accepted ORDER BY e.id DESC LIMIT 1),
                coalesce((SELECT sum(e.amount) FROM pix.pix_events e
                          WHERE e.end_to_end_id = r.end_to_end_id AND e.accepted AND e.transition = 'RETURN'), 0)::bigint,
                coalesce((SELECT sum(q.valor_centavos) FROM pix.refund_requests q
                          WHERE q.end_to_end_id = r.end_to_end_id AND NOT EXISTS (
                              SELECT 1 FROM pix.refund_events f WHERE f.end_to_end_id = q.end_to_end_id
                                AND f.devolucao_id = q.devolucao_id AND f.status <> 'EM_PROCESSAMENTO')), 0)::bigint,
                r.accepted
            FROM pix.received_pix r
            WHERE r.end_to_end_id = @e {(acceptedOnly ? "AND r.accepted" : "")} AND (@m::text IS NULL OR r.merchant_id = @m::text)
            """, connection, transaction);
        command.Parameters.AddWithValue("e", e2eid);
        command.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Text) { Value = (object?)merchantId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (false, null);
        }

        return (true, reader.GetBoolean(9) ? Read(reader) : null);
    }

    /// <summary>Pix BLOCKED here, oldest block first, with the time the block started.</summary>
    public static async Task<List<(string EndToEndId, DateTimeOffset Since)>> BlockedAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.end_to_end_id, e.occurred_at FROM pix.received_pix r
            JOIN LATERAL (SELECT x.to_state, x.occurred_at FROM pix.pix_events x WHERE x.end_to_end_id = r.end_to_end_id AND x.accepted
                          ORDER BY x.id DESC LIMIT 1) e ON true
            WHERE r.accepted AND e.to_state = 'BLOCKED'
            ORDER BY e.occurred_at LIMIT 100
            """, connection);
        var list = new List<(string, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadBlocked(reader));
        }

        return list;
    }

    private static (string, DateTimeOffset) ReadBlocked(NpgsqlDataReader reader) => (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1));

    // Row mapping is synchronous on purpose: the row is already buffered (non-sequential reader).
    private static ReceivedPixRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.GetString(2),
        reader.GetInt64(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        PixLifecycle.ParseState(reader.IsDBNull(6) ? null : reader.GetString(6)),
        reader.GetInt64(7),
        reader.GetInt64(8),
        JsonNode.Parse(reader.GetString(5)) as JsonObject ?? []);
}
