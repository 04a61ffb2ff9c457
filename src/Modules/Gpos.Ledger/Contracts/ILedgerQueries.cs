namespace Gpos.Ledger.Contracts;

/// <summary>Reads of the journal (committed data, on the module's own connection).</summary>
public interface ILedgerQueries
{
    Task<AccountBalance?> GetBalanceAsync(string accountCode, CancellationToken cancellationToken);

    /// <summary>Balances of every account, or of one owner's accounts, ordered by code.</summary>
    Task<IReadOnlyList<AccountBalance>> ListBalancesAsync(string? owner, CancellationToken cancellationToken);

    Task<JournalEntryView?> GetEntryAsync(long entryId, CancellationToken cancellationToken);

    Task<JournalEntryView?> FindEntryAsync(SourceKey source, CancellationToken cancellationToken);
}
