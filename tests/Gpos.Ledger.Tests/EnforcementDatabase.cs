using Gpos.Ledger.Contracts;

namespace Gpos.Ledger.Tests;

/// <summary>A ledger database with at least one row in every append-only table (row triggers need rows to fire on).</summary>
public sealed class EnforcementDatabase : IAsyncLifetime
{
    public static readonly string[] AppendOnlyTables =
        ["accounts", "journal_entries", "holds", "hold_resolutions", "seals"];

    /// <summary>Read-only views of the journal's rows (one row per leg, one per sealed entry).</summary>
    public static readonly string[] DerivedViews = ["postings", "sealed_entries"];

    public LedgerDatabase Ledger { get; } = new();

    public static string AnyColumn(string table) => table switch
    {
        "postings" => "amount",
        "hold_resolutions" => "amount",
        "sealed_entries" => "position",
        "seals" => "sealed_at",
        "accounts" => "owner",
        _ => "description",
    };

    public async Task InitializeAsync()
    {
        await Ledger.InitializeAsync();
        var (receivable, payable) = await Ledger.NewAccountPairAsync();
        await Ledger.PostAsync(LedgerDatabase.Entry(receivable, payable, 100));
        var hold = new SourceKey("tests", "auth-1", "authorized");
        await Ledger.InTransactionAsync(tx => Ledger.Posting.PlaceHoldAsync(
            new HoldRequest(hold, HoldKind.Authorization, receivable, payable, 50, "BRL", "auth", DateTimeOffset.UnixEpoch), tx, default));
        await Ledger.InTransactionAsync(tx => Ledger.Posting.ResolveHoldAsync(
            new HoldResolutionRequest(hold, HoldOutcome.Posted, null, "capture", DateTimeOffset.UnixEpoch), tx, default));
        await Ledger.Sealer.SealOnceAsync(default);
    }

    public Task<long> RowCountAsync(string table) => Ledger.Database.AdminScalarAsync<long>($"SELECT count(*) FROM ledger.{table}");

    public Task DisposeAsync() => Ledger.DisposeAsync();
}
