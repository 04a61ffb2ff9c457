using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Gpos.Pix.Refunds;

/// <summary>SQL over the append-only refund tables, and the <c>devolucoes</c> of received Pix ([SPEC] <c>Devolucao</c>).</summary>
internal static class RefundStore
{
    private const string Select = """
        SELECT q.end_to_end_id, q.devolucao_id, q.merchant_id, q.valor_centavos, q.natureza, q.descricao, q.request_hash, q.requested_at,
               f.status, f.motivo, f.occurred_at,
               (SELECT e.rtr_id FROM pix.refund_events e WHERE e.end_to_end_id = q.end_to_end_id AND e.devolucao_id = q.devolucao_id
                  AND e.rtr_id IS NOT NULL ORDER BY e.id LIMIT 1)
        FROM pix.refund_requests q
        LEFT JOIN pix.refund_events f ON f.end_to_end_id = q.end_to_end_id AND f.devolucao_id = q.devolucao_id AND f.status <> 'EM_PROCESSAMENTO'
        """;

    public static async Task<RefundRecord?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string e2eid, string id,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Select + " WHERE q.end_to_end_id = @e AND q.devolucao_id = @id", connection, transaction);
        command.Parameters.AddWithValue("e", e2eid);
        command.Parameters.AddWithValue("id", id);
        var list = await ReadAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>Refund requests the PSP has not answered, older than <paramref name="olderThan"/> (the reconciler's work).</summary>
    public static async Task<List<RefundRecord>> AwaitingPspAsync(NpgsqlConnection connection, DateTimeOffset olderThan,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Select + """
             WHERE q.requested_at <= @before AND NOT EXISTS (SELECT 1 FROM pix.refund_events e WHERE e.end_to_end_id = q.end_to_end_id
                AND e.devolucao_id = q.devolucao_id AND (e.rtr_id IS NOT NULL OR e.status <> 'EM_PROCESSAMENTO'))
             ORDER BY q.requested_at LIMIT 100
            """, connection);
        command.Parameters.AddWithValue("before", olderThan);
        return await ReadAsync(command, cancellationToken);
    }

    public static async Task InsertRequestAsync(NpgsqlTransaction transaction, RefundRecord refund, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO pix.refund_requests (end_to_end_id, devolucao_id, merchant_id, valor_centavos, natureza, descricao, request_hash, requested_at)
            VALUES (@e, @id, @m, @v, @n, @d, @h, @at);
            INSERT INTO pix.refund_events (end_to_end_id, devolucao_id, status, occurred_at, recorded_at)
            VALUES (@e, @id, 'EM_PROCESSAMENTO', @at, @at);
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("e", refund.EndToEndId);
        command.Parameters.AddWithValue("id", refund.Id);
        command.Parameters.AddWithValue("m", refund.MerchantId);
        command.Parameters.AddWithValue("v", refund.Valor);
        command.Parameters.AddWithValue("n", refund.Natureza);
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Text) { Value = (object?)refund.Descricao ?? DBNull.Value });
        command.Parameters.AddWithValue("h", refund.RequestHash);
        command.Parameters.AddWithValue("at", refund.RequestedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertEventAsync(NpgsqlTransaction transaction, string e2eid, string id, string status, string? rtrId, string? motivo,
        DateTimeOffset occurredAt, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO pix.refund_events (end_to_end_id, devolucao_id, status, rtr_id, motivo, occurred_at, recorded_at)
            VALUES (@e, @id, @s, @r, @m, @at, @now)
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("e", e2eid);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("s", status);
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Text) { Value = (object?)rtrId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Text) { Value = (object?)motivo ?? DBNull.Value });
        command.Parameters.AddWithValue("at", occurredAt);
        command.Parameters.AddWithValue("now", recordedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The <c>devolucoes</c> of each Pix: the merchant's own devoluções the PSP accepted, then returns the merchant did not ask
    /// for (MED), as the PSP reported them, in the order they happened.
    /// </summary>
    public static async Task<Dictionary<string, JsonArray>> DevolucoesAsync(NpgsqlConnection connection, IReadOnlyCollection<string> e2eids,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        if (e2eids.Count == 0)
        {
            return result;
        }

        await using (var command = new NpgsqlCommand(Select + " WHERE q.end_to_end_id = ANY(@ids) ORDER BY q.requested_at, q.devolucao_id", connection))
        {
            command.Parameters.AddWithValue("ids", e2eids.ToArray());
            foreach (var refund in await ReadAsync(command, cancellationToken))
            {
                if (refund.RtrId is not null)
                {
                    For(result, refund.EndToEndId).Add(DevolucaoJson.From(refund));
                }
            }
        }

        await using (var command = new NpgsqlCommand("""
            SELECT e.end_to_end_id, e.payload::text FROM pix.pix_events e
            WHERE e.end_to_end_id = ANY(@ids) AND e.accepted AND e.transition = 'RETURN' AND e.payload IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM pix.refund_requests q WHERE q.end_to_end_id = e.end_to_end_id AND q.devolucao_id = e.devolucao_id)
            ORDER BY e.id
            """, connection))
        {
            command.Parameters.AddWithValue("ids", e2eids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (JsonNode.Parse(reader.GetString(1)) is JsonObject payload)
                {
                    For(result, reader.GetString(0)).Add(DevolucaoJson.FromPsp(payload));
                }
            }
        }

        return result;
    }

    /// <summary>Adds <c>devolucoes</c> to each API Pix <c>Pix</c> object that has any ([SPEC] <c>Pix.devolucoes</c>).</summary>
    public static async Task AttachAsync(NpgsqlConnection connection, JsonArray pixList, CancellationToken cancellationToken)
    {
        var items = pixList.OfType<JsonObject>().ToList();
        var devolucoes = await DevolucoesAsync(connection, items.Select(p => p["endToEndId"]!.GetValue<string>()).ToList(), cancellationToken);
        foreach (var pix in items)
        {
            if (devolucoes.TryGetValue(pix["endToEndId"]!.GetValue<string>(), out var list))
            {
                pix["devolucoes"] = list;
            }
        }
    }

    private static JsonArray For(Dictionary<string, JsonArray> result, string e2eid)
    {
        if (!result.TryGetValue(e2eid, out var list))
        {
            list = [];
            result[e2eid] = list;
        }

        return list;
    }

    private static async Task<List<RefundRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<RefundRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static RefundRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetString(11));
}
