using Npgsql;

namespace Gpos.Cards.Sales;

/// <summary>Append-only writes of the sale records; every state change locks its sale (transaction-scoped advisory lock).</summary>
internal sealed class SaleRecords(NpgsqlDataSource dataSource)
{
    public static async Task InsertAuthorizationAsync(NpgsqlTransaction tx, AuthorizationRecord a, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO cards.authorizations (sale_id, kind, merchant_id, terminal_id, amount, currency, card_bin, card_last4,
                pan_token, entry_mode, installments, mti, processing_code, stan, transmission_date_time, acquirer_id, rrn,
                host_terminal_id, host_merchant_id, requested_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
            """, tx.Connection, tx);
        object?[] values = [a.SaleId, a.Kind, a.MerchantId, a.TerminalId, a.Amount, a.Currency, a.CardBin, a.CardLast4,
            a.PanToken, a.EntryMode, a.Installments, a.Mti, a.ProcessingCode, a.Stan, a.TransmissionDateTime, a.AcquirerId,
            a.Rrn, a.HostTerminalId, a.HostMerchantId, a.RequestedAt];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Opens a transaction on a pooled connection.</summary>
    public async Task<SaleTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return new SaleTransaction(connection, await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a transaction holding the sale's lock, so concurrent confirm/undo/expiry/result see one order.</summary>
    public async Task<SaleTransaction> BeginLockedAsync(Guid saleId, CancellationToken cancellationToken)
    {
        var sale = await BeginAsync(cancellationToken);
        try
        {
            await LockAsync(sale.Transaction, saleId, cancellationToken);
            return sale;
        }
        catch
        {
            await sale.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the sale's lock until <paramref name="tx"/> ends (a transaction-scoped advisory lock).</summary>
    public static async Task LockAsync(NpgsqlTransaction tx, Guid saleId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7)::bigint)", tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = saleId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<SaleState?> LoadStateAsync(NpgsqlTransaction tx, Guid saleId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.merchant_id, a.terminal_id, a.amount, r.outcome, c.sale_id IS NOT NULL, v.reason, a.kind, p.amount
            FROM cards.authorizations a
            LEFT JOIN cards.authorization_results r ON r.sale_id = a.sale_id
            LEFT JOIN cards.confirmations c ON c.sale_id = a.sale_id
            LEFT JOIN cards.reversals v ON v.sale_id = a.sale_id
            LEFT JOIN cards.completions p ON p.sale_id = a.sale_id
            WHERE a.sale_id = $1
            """, tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = saleId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return Read(reader, saleId);
    }

    private static SaleState Read(NpgsqlDataReader reader, Guid saleId) =>
        new(saleId, reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt64(7));

    public static async Task InsertResultAsync(NpgsqlTransaction tx, Guid saleId, string outcome, string? responseCode,
        string? authId, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO cards.authorization_results (sale_id, outcome, response_code, auth_id, reason, decided_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, tx.Connection, tx);
        object?[] values = [saleId, outcome, responseCode, authId, reason, at];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertConfirmationAsync(NpgsqlTransaction tx, Guid saleId, string terminalId, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO cards.confirmations (sale_id, terminal_id, confirmed_at) VALUES ($1, $2, $3)", tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = saleId });
        command.Parameters.Add(new NpgsqlParameter { Value = terminalId });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records the reversal and puts it in the store-and-forward queue, due at once.</summary>
    public static async Task QueueReversalAsync(NpgsqlTransaction tx, Guid saleId, string reason, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH r AS (
                INSERT INTO cards.reversals (reversal_id, sale_id, reason, queued_at) VALUES ($1, $2, $3, $4) RETURNING reversal_id)
            INSERT INTO cards.saf_queue (reversal_id, next_attempt_at) SELECT reversal_id, $4 FROM r
            """, tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(at) });
        command.Parameters.Add(new NpgsqlParameter { Value = saleId });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a pre-authorization's completion and queues its advice (0220) for the store-and-forward worker.</summary>
    public static async Task InsertCompletionAsync(NpgsqlTransaction tx, Guid saleId, string terminalId, long amount, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH c AS (
                INSERT INTO cards.completions (completion_id, sale_id, terminal_id, amount, completed_at) VALUES ($1, $2, $3, $4, $5)
                RETURNING completion_id)
            INSERT INTO cards.completion_queue (completion_id, next_attempt_at) SELECT completion_id, $5 FROM c
            """, tx.Connection, tx);
        object[] values = [Guid.CreateVersion7(at), saleId, terminalId, amount, at];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
