using System.Collections.Concurrent;
using Gpos.Ledger.Contracts;
using Gpos.Ledger.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Gpos.Ledger.Posting;

/// <summary>
/// <see cref="ILedgerPosting"/> on the caller's transaction. Each operation is one call of a SQL function
/// (migration M0005) so that it costs one round trip and is atomic even when the caller's transaction is long.
/// </summary>
internal sealed class LedgerPosting(NpgsqlDataSource dataSource, TimeProvider timeProvider) : ILedgerPosting
{
    private const string AccountColumns = "id, code, type, owner, currency, normal_side, created_at";

    /// <summary>
    /// Accounts known to be committed, by code. <c>ledger.accounts</c> is append-only (never updated or deleted), so a
    /// committed account is the same for ever and needs no more round trips: a busy merchant's accounts were opened and
    /// read again (two statements each, three accounts per notified Pix) on every posting. An account the caller's own
    /// transaction created is not kept here: that transaction may still roll back. It is kept by the first later call
    /// that finds it committed. One entry per account code, so the map grows with the merchants, not with the traffic.
    /// </summary>
    private readonly ConcurrentDictionary<string, LedgerAccount> _committed = new(StringComparer.Ordinal);

    public async Task<LedgerAccount> EnsureAccountAsync(AccountDefinition account, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        RequestValidation.Validate(account);
        var stored = _committed.TryGetValue(account.Code, out var known) ? known : await OpenOrReadAsync(account, transaction, cancellationToken);
        if (stored.Type != account.Type || stored.Owner != account.Owner || stored.Currency != account.Currency)
        {
            throw RequestValidation.Reject(LedgerRejection.AccountConflict,
                $"Account {account.Code} exists as {stored.Type} of {stored.Owner ?? "(platform)"} in {stored.Currency}.");
        }

        return stored;
    }

    private async Task<LedgerAccount> OpenOrReadAsync(AccountDefinition account, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = ConnectionOf(transaction);
        await using var insert = LedgerCommand.Create($"""
            INSERT INTO ledger.accounts (code, type, owner, currency, normal_side, created_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (code) DO NOTHING
            RETURNING {AccountColumns}
            """, connection, transaction,
            account.Code, account.Type.ToDb(), LedgerCommand.Nullable(account.Owner, NpgsqlDbType.Text), account.Currency,
            account.Type.NormalSide().ToDb(), timeProvider.GetUtcNow());
        if (await ReadAccountAsync(insert, cancellationToken) is { } created)
        {
            return created; // not committed yet: not kept
        }

        // Existing: committed by another transaction (READ COMMITTED sees no other uncommitted row) or created earlier
        // in this one, which the row's xmin tells. Account creation runs in no savepoint, so the top-level id is the one.
        await using var select = LedgerCommand.Create($"""
            SELECT {AccountColumns}, xmin IS NOT DISTINCT FROM pg_current_xact_id_if_assigned()::xid
            FROM ledger.accounts WHERE code = $1
            """, connection, transaction, account.Code);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Account {account.Code} conflicted but cannot be read.");
        }

        var stored = ReadAccount(reader);
        if (!reader.GetBoolean(7))
        {
            _committed.TryAdd(stored.Code, stored);
        }

        return stored;
    }

    public async Task<PostedEntry> PostAsync(JournalEntryRequest entry, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        RequestValidation.Validate(entry);
        await using var command = PostCommand(entry, ConnectionOf(transaction), transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadPosted(reader, entry.Source);
    }

    public async Task<PostedEntry> PostAsync(JournalEntryRequest entry, CancellationToken cancellationToken)
    {
        RequestValidation.Validate(entry);
        // Autocommit: the statement is its own transaction, and the deferred balance check runs as it ends.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostCommand(entry, connection, null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadPosted(reader, entry.Source);
    }

    public async Task<PlacedHold> PlaceHoldAsync(HoldRequest hold, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        RequestValidation.Validate(hold);
        await using var command = LedgerCommand.Create(
            "SELECT status, hold_id, created, detail FROM ledger.place_hold($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            ConnectionOf(transaction), transaction,
            hold.Source.Module, hold.Source.SourceId, hold.Source.EventKind, hold.Kind.ToDb(),
            hold.DebitAccountCode, hold.CreditAccountCode, hold.Amount, hold.Currency, hold.Description,
            hold.OccurredAt.ToUniversalTime(), timeProvider.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadPlaced(reader, hold.Source);
    }

    public async Task<HoldResolution> ResolveHoldAsync(HoldResolutionRequest resolution, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        RequestValidation.Validate(resolution);
        // A posted resolution without an amount captures the whole hold.
        await using var command = LedgerCommand.Create("""
            SELECT status, hold_id, entry_id, amount, detail
            FROM ledger.resolve_hold($1, $2, $3, $4, coalesce($5, (SELECT h.amount FROM ledger.holds h
                WHERE h.source_module = $1 AND h.source_id = $2 AND h.event_kind = $3)), $6, $7, $8)
            """, ConnectionOf(transaction), transaction,
            resolution.Hold.Module, resolution.Hold.SourceId, resolution.Hold.EventKind, resolution.Outcome.ToDb(),
            LedgerCommand.Nullable(resolution.Amount, NpgsqlDbType.Bigint), resolution.Description,
            resolution.OccurredAt.ToUniversalTime(), timeProvider.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadResolution(reader, resolution);
    }

    private NpgsqlCommand PostCommand(JournalEntryRequest entry, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var lines = entry.Postings;
        return LedgerCommand.Create(
            "SELECT status, entry_id, created, detail FROM ledger.post_entry($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            connection, transaction,
            entry.Source.Module, entry.Source.SourceId, entry.Source.EventKind, entry.Description,
            entry.OccurredAt.ToUniversalTime(), timeProvider.GetUtcNow(),
            lines.Select(l => l.AccountCode).ToArray(), lines.Select(l => l.Direction.ToDb()).ToArray(),
            lines.Select(l => l.Amount).ToArray(), lines.Select(l => l.Currency).ToArray());
    }

    private static NpgsqlConnection ConnectionOf(NpgsqlTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Connection ?? throw new InvalidOperationException("The transaction is already committed or rolled back.");
    }

    private static void ThrowUnlessOk(string status, string? detail, SourceKey source)
    {
        if (status != "ok")
        {
            var reason = LedgerNames.ToRejection(status);
            throw RequestValidation.Reject(reason, $"Ledger rejected {source}: {reason} ({detail ?? "no detail"}).");
        }
    }

    // Row mapping is synchronous on purpose: the row is already buffered (non-sequential reader), nothing blocks.
    private static PostedEntry ReadPosted(NpgsqlDataReader reader, SourceKey source)
    {
        ThrowUnlessOk(reader.GetString(0), reader.IsDBNull(3) ? null : reader.GetString(3), source);
        return new PostedEntry(reader.GetInt64(1), reader.GetBoolean(2));
    }

    private static PlacedHold ReadPlaced(NpgsqlDataReader reader, SourceKey source)
    {
        ThrowUnlessOk(reader.GetString(0), reader.IsDBNull(3) ? null : reader.GetString(3), source);
        return new PlacedHold(reader.GetInt64(1), reader.GetBoolean(2));
    }

    private static HoldResolution ReadResolution(NpgsqlDataReader reader, HoldResolutionRequest resolution)
    {
        ThrowUnlessOk(reader.GetString(0), reader.IsDBNull(4) ? null : reader.GetString(4), resolution.Hold);
        return new HoldResolution(reader.GetInt64(1), resolution.Outcome, reader.GetInt64(3),
            reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }

    private static async Task<LedgerAccount?> ReadAccountAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadAccount(reader) : null;
    }

    private static LedgerAccount ReadAccount(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), LedgerNames.ToAccountType(reader.GetString(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), LedgerNames.ToSide(reader.GetString(5)),
            reader.GetFieldValue<DateTimeOffset>(6));
}
