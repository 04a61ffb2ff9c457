using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Gpos.Pix.Charges;

/// <summary>SQL over the append-only charge tables (hand-written: the locking and derivation rules are the point).</summary>
internal static class ChargeStore
{
    // A revision rejected by the PSP never became the charge: it is skipped when deriving the current revision.
    private const string Select = """
        SELECT c.txid, c.merchant_id, c.created_at AS criacao, r.revisao, r.canonical, s.status,
               res.loc_id, res.location, res.created_at AS loc_criacao, r.pending, k.merchant_name, k.merchant_city
        FROM pix.charges c
        JOIN LATERAL (
            SELECT r.revisao, r.canonical, r.chave, (x.intent_id IS NULL) AS pending
            FROM pix.charge_revisions r
            LEFT JOIN pix.psp_intents i ON i.txid = r.txid AND i.revisao = r.revisao
            LEFT JOIN pix.psp_results x ON x.intent_id = i.id
            WHERE r.txid = c.txid AND (x.outcome IS NULL OR x.outcome = 'ACCEPTED') AND (@rev::int IS NULL OR r.revisao = @rev::int)
            ORDER BY r.revisao DESC LIMIT 1) r ON true
        JOIN LATERAL (SELECT e.status FROM pix.charge_status_events e WHERE e.txid = c.txid ORDER BY e.id DESC LIMIT 1) s ON true
        LEFT JOIN LATERAL (
            SELECT x.loc_id, x.location, x.created_at FROM pix.psp_intents i JOIN pix.psp_results x ON x.intent_id = i.id
            WHERE i.txid = c.txid AND x.outcome = 'ACCEPTED' ORDER BY i.revisao ASC LIMIT 1) res ON true
        JOIN pix.merchant_keys k ON k.chave = r.chave
        """;

    public static async Task<ChargeRecord?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string txid, int? revisao,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Select + " WHERE c.txid = @txid", connection, transaction);
        command.Parameters.AddWithValue("txid", txid);
        command.Parameters.Add(new NpgsqlParameter("rev", NpgsqlDbType.Integer) { Value = (object?)revisao ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public static async Task<(List<ChargeRecord> Page, int Total)> ListAsync(NpgsqlConnection connection, string merchantId,
        DateTimeOffset inicio, DateTimeOffset fim, string? status, string? cpf, string? cnpj, bool? locationPresente, int page, int size,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH cobs AS ({Select} WHERE c.merchant_id = @m AND c.created_at BETWEEN @inicio AND @fim)
            SELECT *, count(*) OVER () FROM cobs
            WHERE (@status::text IS NULL OR status = @status::text)
              AND (@cpf::text IS NULL OR (canonical::jsonb ->> 'DevedorCpf') = @cpf::text)
              AND (@cnpj::text IS NULL OR (canonical::jsonb ->> 'DevedorCnpj') = @cnpj::text)
              AND (@loc::boolean IS NULL OR (location IS NOT NULL) = @loc::boolean)
            ORDER BY criacao, txid OFFSET @offset LIMIT @size
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("m", merchantId);
        command.Parameters.AddWithValue("inicio", inicio);
        command.Parameters.AddWithValue("fim", fim);
        command.Parameters.Add(new NpgsqlParameter("rev", NpgsqlDbType.Integer) { Value = DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("cpf", NpgsqlDbType.Text) { Value = (object?)cpf ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("cnpj", NpgsqlDbType.Text) { Value = (object?)cnpj ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("loc", NpgsqlDbType.Boolean) { Value = (object?)locationPresente ?? DBNull.Value });
        command.Parameters.AddWithValue("offset", (long)page * size);
        command.Parameters.AddWithValue("size", size);
        var list = new List<ChargeRecord>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
            total = (int)reader.GetInt64(12);
        }

        if (list.Count == 0 && page > 0)
        {
            total = -1; // unknown past the last page; the caller counts again
        }

        return (list, total);
    }

    public static async Task<(string MerchantId, string Name, string City)?> FindKeyAsync(NpgsqlConnection connection, string chave,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT merchant_id, merchant_name, merchant_city FROM pix.merchant_keys WHERE chave = @chave", connection);
        command.Parameters.AddWithValue("chave", chave);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    public static async Task<string?> FindOwnerAsync(NpgsqlConnection connection, string txid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT merchant_id FROM pix.charges WHERE txid = @txid", connection);
        command.Parameters.AddWithValue("txid", txid);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static async Task<int> NextRevisionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string txid,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(revisao) + 1, 0) FROM pix.charge_revisions WHERE txid = @txid", connection, transaction);
        command.Parameters.AddWithValue("txid", txid);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task InsertChargeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string txid, string merchantId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO pix.charges (txid, merchant_id, created_at) VALUES (@txid, @m, @now);
            INSERT INTO pix.charge_status_events (txid, status, reason, occurred_at) VALUES (@txid, 'ATIVA', 'created', @now);
            """, connection, transaction);
        command.Parameters.AddWithValue("txid", txid);
        command.Parameters.AddWithValue("m", merchantId);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertRevisionWithIntentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string txid, int revisao,
        string requestJson, CobTerms terms, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO pix.charge_revisions (txid, revisao, request_json, canonical, valor_centavos, chave, expiracao, devedor_cpf, devedor_cnpj, created_at)
            VALUES (@txid, @rev, @json::jsonb, @canonical, @valor, @chave, @exp, @cpf, @cnpj, @now);
            INSERT INTO pix.psp_intents (txid, revisao, operation, created_at) VALUES (@txid, @rev, 'PUT', @now);
            """, connection, transaction);
        command.Parameters.AddWithValue("txid", txid);
        command.Parameters.AddWithValue("rev", revisao);
        command.Parameters.AddWithValue("json", requestJson);
        command.Parameters.AddWithValue("canonical", terms.Canonical());
        command.Parameters.AddWithValue("valor", terms.ValorCentavos);
        command.Parameters.AddWithValue("chave", terms.Chave);
        command.Parameters.AddWithValue("exp", terms.Expiracao);
        command.Parameters.Add(new NpgsqlParameter("cpf", NpgsqlDbType.Text) { Value = (object?)terms.DevedorCpf ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("cnpj", NpgsqlDbType.Text) { Value = (object?)terms.DevedorCnpj ?? DBNull.Value });
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records the PSP's answer to the intent of (txid, revisao); a second answer for the same intent is ignored.</summary>
    public static async Task InsertResultAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string txid, int revisao, bool accepted,
        long? locId, string? location, string response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO pix.psp_results (intent_id, outcome, loc_id, location, response, created_at)
            SELECT id, @outcome, @loc, @location, @response::jsonb, @now FROM pix.psp_intents WHERE txid = @txid AND revisao = @rev
            ON CONFLICT (intent_id) DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue("outcome", accepted ? "ACCEPTED" : "REJECTED");
        command.Parameters.Add(new NpgsqlParameter("loc", NpgsqlDbType.Bigint) { Value = (object?)locId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("location", NpgsqlDbType.Text) { Value = (object?)location ?? DBNull.Value });
        command.Parameters.AddWithValue("response", response.Length == 0 ? "{}" : response);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("txid", txid);
        command.Parameters.AddWithValue("rev", revisao);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertStatusAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string txid, string status, string reason,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO pix.charge_status_events (txid, status, reason, occurred_at) VALUES (@txid, @status, @reason, @now)",
            connection, transaction);
        command.Parameters.AddWithValue("txid", txid);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many pending intents <see cref="PendingAsync"/> returns at most (the oldest first).</summary>
    public const int PendingBatchSize = 100;

    /// <summary>Charges whose latest revision has an intent and no PSP result, older than <paramref name="olderThan"/>.</summary>
    public static async Task<List<string>> PendingAsync(NpgsqlConnection connection, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT i.txid FROM pix.psp_intents i
            WHERE i.created_at <= @before AND NOT EXISTS (SELECT 1 FROM pix.psp_results x WHERE x.intent_id = i.id)
              AND i.revisao = (SELECT max(revisao) FROM pix.charge_revisions r WHERE r.txid = i.txid)
            ORDER BY i.created_at LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("before", olderThan);
        command.Parameters.AddWithValue("limit", PendingBatchSize);
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    /// <summary>Charges ATIVA here, created between the two instants, newest first: candidates for a lost webhook.</summary>
    public static async Task<List<string>> ActiveAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH cobs AS ({Select} WHERE c.created_at BETWEEN @from AND @to)
            SELECT txid FROM cobs WHERE status = 'ATIVA' AND NOT pending ORDER BY criacao DESC LIMIT 100
            """, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.Add(new NpgsqlParameter("rev", NpgsqlDbType.Integer) { Value = DBNull.Value });
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    private static ChargeRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.GetInt32(3),
        JsonSerializer.Deserialize<CobTerms>(reader.GetString(4))!,
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetInt64(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetBoolean(9),
        reader.GetString(10),
        reader.GetString(11));
}
