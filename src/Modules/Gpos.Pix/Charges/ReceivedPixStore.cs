using System.Text.Json.Nodes;
using Gpos.Pix.Refunds;
using Gpos.Pix.Shared;
using Npgsql;
using NpgsqlTypes;

namespace Gpos.Pix.Charges;

/// <summary>
/// Reads of received Pix as API Pix <c>Pix</c> objects ([SPEC] schema <c>Pix</c>) with their <c>devolucoes</c> and each
/// devolução's status; only accepted ones are shown.
/// </summary>
internal static class ReceivedPixStore
{
    // The last column is the Pix's lifecycle state (latest accepted pix_events row; PROCESSING before any).
    private const string Columns = """
        end_to_end_id, txid, valor_centavos, chave, horario, payload ->> 'infoPagador',
        coalesce((SELECT e.to_state FROM pix.pix_events e WHERE e.end_to_end_id = received_pix.end_to_end_id AND e.accepted
                  ORDER BY e.id DESC LIMIT 1), 'PROCESSING')
        """;

    public static async Task<JsonArray> ForChargeAsync(NpgsqlConnection connection, string txid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM pix.received_pix WHERE txid = @txid AND accepted ORDER BY horario", connection);
        command.Parameters.AddWithValue("txid", txid);
        return await ReadAsync(command, cancellationToken);
    }

    public static async Task<JsonObject?> FindAsync(NpgsqlConnection connection, string merchantId, string e2eid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM pix.received_pix WHERE end_to_end_id = @e AND merchant_id = @m", connection);
        command.Parameters.AddWithValue("e", e2eid);
        command.Parameters.AddWithValue("m", merchantId);
        var list = await ReadAsync(command, cancellationToken);
        return list.Count == 0 ? null : (JsonObject)list[0]!.DeepClone();
    }

    public static async Task<(JsonArray Items, int Total)> ListAsync(NpgsqlConnection connection, string merchantId, DateTimeOffset inicio,
        DateTimeOffset fim, string? txid, bool? devolucaoPresente, Paging.Page page, CancellationToken cancellationToken)
    {
        const string Filter = """
            merchant_id = @m AND horario BETWEEN @inicio AND @fim AND (@txid::text IS NULL OR txid = @txid::text)
            AND (@dev::boolean IS NULL OR @dev::boolean = (
                EXISTS (SELECT 1 FROM pix.refund_events x WHERE x.end_to_end_id = received_pix.end_to_end_id AND x.rtr_id IS NOT NULL)
                OR EXISTS (SELECT 1 FROM pix.pix_events y WHERE y.end_to_end_id = received_pix.end_to_end_id AND y.accepted
                           AND y.transition = 'RETURN')))
            """;
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM pix.received_pix WHERE {Filter}", connection);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM pix.received_pix WHERE {Filter} ORDER BY horario, end_to_end_id OFFSET @offset LIMIT @size", connection);
        foreach (var c in new[] { count, command })
        {
            c.Parameters.AddWithValue("m", merchantId);
            c.Parameters.AddWithValue("inicio", inicio);
            c.Parameters.AddWithValue("fim", fim);
            c.Parameters.Add(new NpgsqlParameter("txid", NpgsqlDbType.Text) { Value = (object?)txid ?? DBNull.Value });
            c.Parameters.Add(new NpgsqlParameter("dev", NpgsqlDbType.Boolean) { Value = (object?)devolucaoPresente ?? DBNull.Value });
        }

        command.Parameters.AddWithValue("offset", (long)page.Number * page.Size);
        command.Parameters.AddWithValue("size", page.Size);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        return (await ReadAsync(command, cancellationToken), (int)total);
    }

    private static async Task<JsonArray> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Row(reader));
            }
        }

        await RefundStore.AttachAsync(command.Connection!, items, cancellationToken);
        return items;
    }

    // Reads the current row (already buffered by ReadAsync in non-sequential mode).
    private static JsonObject Row(NpgsqlDataReader reader)
    {
        var pix = new JsonObject { ["endToEndId"] = reader.GetString(0) };
        if (!reader.IsDBNull(1))
        {
            pix["txid"] = reader.GetString(1);
        }

        pix["valor"] = PixMoney.Format(reader.GetInt64(2));
        if (!reader.IsDBNull(3))
        {
            pix["chave"] = reader.GetString(3);
        }

        pix["horario"] = PixMoney.FormatTime(reader.GetFieldValue<DateTimeOffset>(4));
        if (!reader.IsDBNull(5))
        {
            pix["infoPagador"] = reader.GetString(5);
        }

        // GPOS extension (the schema allows extra members): where the money is — PAID, BLOCKED (cautelar), PARTIALLY_RETURNED,
        // RETURNED or PROCESSING — which API Pix's Pix object cannot say.
        pix["gposEstado"] = reader.GetString(6);
        return pix;
    }
}
