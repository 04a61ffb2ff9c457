using Npgsql;

namespace Gpos.Ledger.Contracts;

/// <summary>
/// Writes to the journal inside the caller's own transaction, so a module's state change and its journal entry
/// commit together or not at all (EF callers: <c>(NpgsqlTransaction)dbTx.GetDbTransaction()</c>). The entry's
/// balance is checked again by the database when the caller commits.
/// </summary>
public interface ILedgerPosting
{
    /// <summary>Opens the account, or returns it when it exists with the same type, owner and currency.</summary>
    /// <exception cref="LedgerRejectedException">Invalid definition, or the code exists with another definition.</exception>
    Task<LedgerAccount> EnsureAccountAsync(AccountDefinition account, NpgsqlTransaction transaction,
        CancellationToken cancellationToken);

    /// <summary>Posts a balanced entry; the same source key again returns the first entry.</summary>
    /// <exception cref="LedgerRejectedException">Unbalanced, non-positive amount, unknown account, currency mismatch.</exception>
    Task<PostedEntry> PostAsync(JournalEntryRequest entry, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Posts a balanced entry in a transaction of its own (one round trip, committed on return), for callers with no
    /// state change to commit alongside, e.g. settlement file imports.
    /// </summary>
    /// <exception cref="LedgerRejectedException">Unbalanced, non-positive amount, unknown account, currency mismatch.</exception>
    Task<PostedEntry> PostAsync(JournalEntryRequest entry, CancellationToken cancellationToken);

    /// <summary>Places a pending amount; the same source key again returns the first hold.</summary>
    /// <exception cref="LedgerRejectedException">Non-positive amount, unknown account, currency mismatch.</exception>
    Task<PlacedHold> PlaceHoldAsync(HoldRequest hold, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Posts or voids a hold, at most once and never for more than it holds.</summary>
    /// <exception cref="LedgerRejectedException">Hold unknown, already resolved, or over-resolved.</exception>
    Task<HoldResolution> ResolveHoldAsync(HoldResolutionRequest resolution, NpgsqlTransaction transaction,
        CancellationToken cancellationToken);
}
