using Gpos.Ledger.Contracts;
using Npgsql;

namespace Gpos.Ledger.Tests;

public sealed class HoldTests(LedgerDatabase db) : IClassFixture<LedgerDatabase>
{
    [Fact]
    public async Task ResolveHoldAsync_PartialPost_PostsCapturedAmountAndReleasesRest()
    {
        var (receivable, payable, hold) = await PlaceAsync(1_000);
        var pending = await db.Queries.GetBalanceAsync(payable, default);
        Assert.Equal((0L, 1_000L), (pending!.Balance, pending.CreditsPending));

        var resolution = await ResolveAsync(hold, HoldOutcome.Posted, 800);

        Assert.Equal(800, resolution.PostedAmount);
        Assert.NotNull(resolution.EntryId);
        var balance = await db.Queries.GetBalanceAsync(payable, default);
        Assert.Equal((800L, 0L), (balance!.Balance, balance.CreditsPending));
        Assert.Equal(800, (await db.Queries.GetBalanceAsync(receivable, default))!.Balance);
    }

    [Fact]
    public async Task ResolveHoldAsync_Void_ReleasesEverythingAndPostsNothing()
    {
        var (receivable, payable, hold) = await PlaceAsync(1_000);

        var resolution = await ResolveAsync(hold, HoldOutcome.Voided, null);

        Assert.Equal((0L, (long?)null), (resolution.PostedAmount, resolution.EntryId));
        var balance = await db.Queries.GetBalanceAsync(payable, default);
        Assert.Equal((0L, 0L), (balance!.Balance, balance.CreditsPending));
        Assert.Equal(0, (await db.Queries.GetBalanceAsync(receivable, default))!.DebitsPending);
    }

    [Fact]
    public async Task PlaceHoldAsync_SameSourceKeyTwice_ReturnsFirstHold()
    {
        var (receivable, payable, hold) = await PlaceAsync(1_000);

        var again = await db.InTransactionAsync(tx => db.Posting.PlaceHoldAsync(
            new HoldRequest(hold, HoldKind.Authorization, receivable, payable, 5, "BRL", "again", DateTimeOffset.UnixEpoch), tx, default));

        Assert.False(again.Created);
        Assert.Equal(1_000, (await db.Queries.GetBalanceAsync(payable, default))!.CreditsPending);
    }

    [Fact]
    public async Task ResolveHoldAsync_Twice_ThrowsAlreadyResolvedAndWritesNothing()
    {
        var (_, payable, hold) = await PlaceAsync(1_000);
        await ResolveAsync(hold, HoldOutcome.Posted, 400);

        var error = await Assert.ThrowsAsync<LedgerRejectedException>(() => ResolveAsync(hold, HoldOutcome.Posted, 400));
        var voidError = await Assert.ThrowsAsync<LedgerRejectedException>(() => ResolveAsync(hold, HoldOutcome.Voided, null));

        Assert.Equal(LedgerRejection.HoldAlreadyResolved, error.Reason);
        Assert.Equal(LedgerRejection.HoldAlreadyResolved, voidError.Reason);
        Assert.Equal(400, (await db.Queries.GetBalanceAsync(payable, default))!.Balance);
    }

    [Fact]
    public async Task ResolveHoldAsync_MoreThanHeld_ThrowsOverResolvedAndWritesNothing()
    {
        var (_, payable, hold) = await PlaceAsync(1_000);

        var error = await Assert.ThrowsAsync<LedgerRejectedException>(() => ResolveAsync(hold, HoldOutcome.Posted, 1_001));

        Assert.Equal(LedgerRejection.HoldOverResolved, error.Reason);
        Assert.Equal((0L, 1_000L), ((await db.Queries.GetBalanceAsync(payable, default))!.Balance,
            (await db.Queries.GetBalanceAsync(payable, default))!.CreditsPending));
    }

    [Fact]
    public async Task ResolveHoldAsync_UnknownHold_ThrowsHoldNotFound()
    {
        var error = await Assert.ThrowsAsync<LedgerRejectedException>(() =>
            ResolveAsync(new SourceKey("cards", "nope", "authorized"), HoldOutcome.Voided, null));

        Assert.Equal(LedgerRejection.HoldNotFound, error.Reason);
    }

    [Fact]
    public async Task PlaceHoldAsync_AccountInOtherCurrency_ThrowsCurrencyMismatch()
    {
        var (receivable, _) = await db.NewAccountPairAsync();
        var (_, usdPayable) = await db.NewAccountPairAsync("USD");

        var error = await Assert.ThrowsAsync<LedgerRejectedException>(() => db.InTransactionAsync(tx => db.Posting.PlaceHoldAsync(
            new HoldRequest(new SourceKey("cards", Guid.NewGuid().ToString("N"), "authorized"), HoldKind.Authorization,
                receivable, usdPayable, 10, "BRL", "x", DateTimeOffset.UnixEpoch), tx, default)));

        Assert.Equal(LedgerRejection.CurrencyMismatch, error.Reason);
    }

    [Fact]
    public async Task ResolveHoldAsync_ConcurrentCaptureAndReversal_ExactlyOneWins()
    {
        var (_, payable, hold) = await PlaceAsync(1_000);

        var attempts = await Task.WhenAll(
            Outcome(() => ResolveAsync(hold, HoldOutcome.Posted, 1_000)),
            Outcome(() => ResolveAsync(hold, HoldOutcome.Voided, null)),
            Outcome(() => ResolveAsync(hold, HoldOutcome.Posted, 1_000)));

        Assert.Single(attempts, a => a is null);
        Assert.All(attempts.Where(a => a is not null), a => Assert.Equal(LedgerRejection.HoldAlreadyResolved, a));
        Assert.Equal(1, await db.CountAsync(
            $"SELECT count(*) FROM ledger.hold_resolutions r JOIN ledger.holds h ON h.id = r.hold_id WHERE h.source_id = '{hold.SourceId}'"));
        Assert.Equal(0, (await db.Queries.GetBalanceAsync(payable, default))!.CreditsPending);
    }

    [Fact]
    public async Task RawInsert_ResolutionAboveHeldAmount_RejectedByDatabase()
    {
        var (_, _, hold) = await PlaceAsync(1_000);

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.AppExecuteAsync($"""
            INSERT INTO ledger.hold_resolutions (hold_id, outcome, amount, held_amount, entry_id, created_at)
            SELECT id, 'posted', 2000, 2000, (SELECT min(id) FROM ledger.journal_entries), now()
            FROM ledger.holds WHERE source_id = '{hold.SourceId}'
            """));

        // held_amount must equal the hold's amount (foreign key), and amount <= held_amount (check).
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task RawInsert_SecondResolution_RejectedByDatabase()
    {
        var (_, _, hold) = await PlaceAsync(1_000);
        await ResolveAsync(hold, HoldOutcome.Voided, null);

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.AppExecuteAsync($"""
            INSERT INTO ledger.hold_resolutions (hold_id, outcome, amount, held_amount, entry_id, created_at)
            SELECT id, 'voided', 0, amount, NULL, now() FROM ledger.holds WHERE source_id = '{hold.SourceId}'
            """));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    private static async Task<LedgerRejection?> Outcome(Func<Task> attempt)
    {
        try
        {
            await attempt();
            return null;
        }
        catch (LedgerRejectedException ex)
        {
            return ex.Reason;
        }
    }

    private async Task<(string Receivable, string Payable, SourceKey Hold)> PlaceAsync(long amount)
    {
        var (receivable, payable) = await db.NewAccountPairAsync();
        var hold = new SourceKey("cards", Guid.NewGuid().ToString("N"), "authorized");
        var placed = await db.InTransactionAsync(tx => db.Posting.PlaceHoldAsync(
            new HoldRequest(hold, HoldKind.Authorization, receivable, payable, amount, "BRL", "authorization", DateTimeOffset.UnixEpoch),
            tx, default));
        Assert.True(placed.Created);
        return (receivable, payable, hold);
    }

    private Task<HoldResolution> ResolveAsync(SourceKey hold, HoldOutcome outcome, long? amount) =>
        db.InTransactionAsync(tx => db.Posting.ResolveHoldAsync(
            new HoldResolutionRequest(hold, outcome, amount, outcome.ToString(), DateTimeOffset.UnixEpoch), tx, default));
}
