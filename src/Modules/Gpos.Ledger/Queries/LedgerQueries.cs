using Gpos.Ledger.Contracts;
using Gpos.Ledger.Persistence;
using Npgsql;

namespace Gpos.Ledger.Queries;

/// <summary><see cref="ILedgerQueries"/> over the derived <c>ledger.account_balances</c> view and the journal.</summary>
internal sealed class LedgerQueries(NpgsqlDataSource dataSource) : ILedgerQueries
{
    private const string BalanceColumns =
        "code, type, owner, currency, normal_side, debits_posted, credits_posted, debits_pending, credits_pending";

    private const string EntrySelect = """
        SELECT e.id, e.source_module, e.source_id, e.event_kind, e.description, e.occurred_at, e.created_at,
               (SELECT s.seq FROM ledger.seals s
                WHERE int8range(s.first_entry_id, s.last_entry_id, '[]') @> e.id AND e.id = ANY (s.entry_ids)
                ORDER BY s.seq LIMIT 1)
        FROM ledger.journal_entries e
        """;

    public async Task<AccountBalance?> GetBalanceAsync(string accountCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountCode);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = LedgerCommand.Create(
            $"SELECT {BalanceColumns} FROM ledger.account_balances WHERE code = $1", connection, null, accountCode);
        var balances = await ReadBalancesAsync(command, cancellationToken);
        return balances.Count == 0 ? null : balances[0];
    }

    public async Task<IReadOnlyList<AccountBalance>> ListBalancesAsync(string? owner, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = LedgerCommand.Create(
            $"SELECT {BalanceColumns} FROM ledger.account_balances WHERE $1::text IS NULL OR owner = $1 ORDER BY code",
            connection, null, LedgerCommand.Nullable(owner, NpgsqlTypes.NpgsqlDbType.Text));
        return await ReadBalancesAsync(command, cancellationToken);
    }

    public Task<JournalEntryView?> GetEntryAsync(long entryId, CancellationToken cancellationToken) =>
        ReadEntryAsync($"{EntrySelect} WHERE e.id = $1", [entryId], cancellationToken);

    public Task<JournalEntryView?> FindEntryAsync(SourceKey source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ReadEntryAsync($"{EntrySelect} WHERE e.source_module = $1 AND e.source_id = $2 AND e.event_kind = $3",
            [source.Module, source.SourceId, source.EventKind], cancellationToken);
    }

    private async Task<JournalEntryView?> ReadEntryAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long id;
        JournalEntryView entry;
        await using (var command = LedgerCommand.Create(sql, connection, null, values))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            entry = ReadEntry(reader);
            id = entry.Id;
        }

        await using var postings = LedgerCommand.Create("""
            SELECT p.leg, a.code, p.direction, p.amount, p.currency
            FROM ledger.postings p JOIN ledger.accounts a ON a.id = p.account_id
            WHERE p.entry_id = $1 ORDER BY p.leg
            """, connection, null, id);
        await using var rows = await postings.ExecuteReaderAsync(cancellationToken);
        var lines = new List<PostingView>();
        while (await rows.ReadAsync(cancellationToken))
        {
            lines.Add(new PostingView(rows.GetInt16(0), rows.GetString(1), LedgerNames.ToSide(rows.GetString(2)),
                rows.GetInt64(3), rows.GetString(4)));
        }

        return entry with { Postings = lines };
    }

    private static async Task<List<AccountBalance>> ReadBalancesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var balances = new List<AccountBalance>();
        while (await reader.ReadAsync(cancellationToken))
        {
            balances.Add(ReadBalance(reader));
        }

        return balances;
    }

    // Row mapping is synchronous on purpose: the row is already buffered (non-sequential reader), nothing blocks.
    private static AccountBalance ReadBalance(NpgsqlDataReader reader) =>
        new(reader.GetString(0), LedgerNames.ToAccountType(reader.GetString(1)),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), LedgerNames.ToSide(reader.GetString(4)),
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));

    private static JournalEntryView ReadEntry(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), new SourceKey(reader.GetString(1), reader.GetString(2), reader.GetString(3)),
            reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetInt64(7), []);
}
