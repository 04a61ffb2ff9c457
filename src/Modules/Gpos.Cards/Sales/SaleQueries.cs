using Gpos.Cards.CardData;
using Npgsql;

namespace Gpos.Cards.Sales;

/// <summary>Reads sales with their derived state; every lookup is scoped to the caller's merchant.</summary>
internal sealed class SaleQueries(NpgsqlDataSource dataSource)
{
    private const string Select = """
        SELECT a.sale_id, a.kind, a.amount, a.currency, a.card_bin, a.card_last4, a.terminal_id, a.rrn, a.requested_at,
               r.outcome, r.response_code, r.auth_id, r.reason, c.confirmed_at, v.reason,
               (SELECT q.completed_at IS NOT NULL FROM cards.saf_queue q WHERE q.reversal_id = v.reversal_id),
               a.installments, p.amount, p.completed_at,
               (SELECT q.completed_at IS NOT NULL FROM cards.completion_queue q WHERE q.completion_id = p.completion_id)
        FROM cards.authorizations a
        LEFT JOIN cards.authorization_results r ON r.sale_id = a.sale_id
        LEFT JOIN cards.confirmations c ON c.sale_id = a.sale_id
        LEFT JOIN cards.reversals v ON v.sale_id = a.sale_id
        LEFT JOIN cards.completions p ON p.sale_id = a.sale_id
        """;

    private const string ById = Select + " WHERE a.sale_id = $1 AND a.merchant_id = $2";

    public async Task<SaleView?> FindAsync(Guid saleId, string merchantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ById);
        return await FindAsync(command, saleId, merchantId, cancellationToken);
    }

    /// <summary>The sale as <paramref name="tx"/> sees it, for the response stored with the change it made.</summary>
    public static async Task<SaleView> FindAsync(NpgsqlTransaction tx, Guid saleId, string merchantId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ById, tx.Connection, tx);
        return await FindAsync(command, saleId, merchantId, cancellationToken)
            ?? throw new InvalidOperationException($"Card sale {saleId} is not visible to the transaction that changed it.");
    }

    private static async Task<SaleView?> FindAsync(NpgsqlCommand command, Guid saleId, string merchantId, CancellationToken cancellationToken)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = saleId });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<SaleView>> ListAsync(string merchantId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Select + " WHERE a.merchant_id = $1 ORDER BY a.requested_at DESC LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sales = new List<SaleView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sales.Add(Read(reader));
        }

        return sales;
    }

    private static SaleView Read(NpgsqlDataReader r)
    {
        var outcome = r.IsDBNull(9) ? null : r.GetString(9);
        var confirmedAt = r.IsDBNull(13) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(13);
        var reversalReason = r.IsDBNull(14) ? null : r.GetString(14);
        var completedAmount = r.IsDBNull(17) ? (long?)null : r.GetInt64(17);
        var status = (outcome, confirmedAt, reversalReason) switch
        {
            (null, _, null) => "in-flight",
            (_, _, null) when completedAmount is not null => "completed",
            (_, not null, "void") => "voided",
            (_, _, not null) => outcome == "approved" ? "reversed" : "declined",
            ("approved", not null, _) => "confirmed",
            ("approved", null, _) => "approved",
            _ => "declined",
        };
        return new SaleView(r.GetGuid(0), r.GetString(1), status, r.GetInt64(2), r.GetString(3),
            CardNumbers.Mask(r.GetString(4), r.GetString(5)), r.GetString(6), r.IsDBNull(10) ? null : r.GetString(10),
            r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12), r.GetString(7),
            r.GetFieldValue<DateTimeOffset>(8), confirmedAt, reversalReason, r.IsDBNull(15) ? null : r.GetBoolean(15),
            r.IsDBNull(16) ? null : r.GetInt32(16), completedAmount,
            r.IsDBNull(18) ? null : r.GetFieldValue<DateTimeOffset>(18), r.IsDBNull(19) ? null : r.GetBoolean(19));
    }
}
