using Gpos.Ledger.Contracts;
using Npgsql;

namespace Gpos.Ledger.Tests;

public sealed class PostingTests(LedgerDatabase db) : IClassFixture<LedgerDatabase>
{
    [Fact]
    public async Task PostAsync_BalancedEntry_StoresEntryWithPostings()
    {
        var (receivable, payable) = await db.NewAccountPairAsync();
        var request = LedgerDatabase.Entry(receivable, payable, 12_345);

        var posted = await db.PostAsync(request);

        Assert.True(posted.Created);
        var entry = await db.Queries.GetEntryAsync(posted.EntryId, default);
        Assert.NotNull(entry);
        Assert.Equal(request.Source, entry.Source);
        Assert.Collection(entry.Postings,
            p => Assert.Equal((receivable, BalanceSide.Debit, 12_345L, "BRL"), (p.AccountCode, p.Direction, p.Amount, p.Currency)),
            p => Assert.Equal((payable, BalanceSide.Credit, 12_345L, "BRL"), (p.AccountCode, p.Direction, p.Amount, p.Currency)));
    }

    [Fact]
    public async Task PostAsync_SameSourceKeyTwice_ReturnsFirstEntry()
    {
        var (receivable, payable) = await db.NewAccountPairAsync();
        var first = await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 100, "dup-1"));

        // Same key, different amount: the first entry stands.
        var second = await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 999, "dup-1"));

        Assert.Equal(first.EntryId, second.EntryId);
        Assert.False(second.Created);
        Assert.Equal(100, (await db.Queries.GetBalanceAsync(payable, default))!.Balance);
    }

    [Fact]
    public async Task PostAsync_FiftyConcurrentIdenticalRequests_WritesOneEntry()
    {
        var (receivable, payable) = await db.NewAccountPairAsync();
        var request = LedgerDatabase.Entry(receivable, payable, 5_000);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 50).Select(async _ =>
        {
            await gate.Task;
            return await db.PostAsync(request);
        }).ToList();

        gate.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.Single(results.Select(r => r.EntryId).Distinct());
        Assert.Single(results, r => r.Created);
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{request.Source.SourceId}'"));
        Assert.Equal(5_000, (await db.Queries.GetBalanceAsync(payable, default))!.Balance);
    }

    [Fact]
    public async Task PostAsync_Standalone_CommittedOnReturn()
    {
        var (receivable, payable) = await db.NewAccountPairAsync();

        var posted = await db.Posting.PostAsync(LedgerDatabase.Entry(receivable, payable, 250), default);

        Assert.True(posted.Created);
        Assert.Equal(250, (await db.Queries.GetBalanceAsync(payable, default))!.Balance);
    }

    [Fact]
    public async Task PostAsync_CallerRollsBack_LeavesNoEntry()
    {
        var (receivable, payable) = await db.NewAccountPairAsync();
        var request = LedgerDatabase.Entry(receivable, payable, 700);

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await db.Posting.PostAsync(request, transaction, default);
            await transaction.RollbackAsync();
        }

        Assert.Null(await db.Queries.FindEntryAsync(request.Source, default));
        Assert.Equal(0, (await db.Queries.GetBalanceAsync(payable, default))!.Balance);
    }

    [Fact]
    public async Task PostAsync_Unbalanced_ThrowsUnbalancedAndWritesNothing()
    {
        var (receivable, payable) = await db.NewAccountPairAsync();
        var request = LedgerDatabase.Entry(receivable, payable, 100) with
        {
            Postings = [new(receivable, BalanceSide.Debit, 100, "BRL"), new(payable, BalanceSide.Credit, 99, "BRL")],
        };

        await AssertRejectedAsync(request, LedgerRejection.Unbalanced);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public async Task PostAsync_ZeroOrNegativeAmount_ThrowsNonPositiveAndWritesNothing(long amount)
    {
        var (receivable, payable) = await db.NewAccountPairAsync();

        await AssertRejectedAsync(LedgerDatabase.Entry(receivable, payable, amount), LedgerRejection.NonPositiveAmount);
    }

    [Fact]
    public async Task PostAsync_UnknownAccount_ThrowsUnknownAccountAndWritesNothing()
    {
        var (receivable, _) = await db.NewAccountPairAsync();

        await AssertRejectedAsync(LedgerDatabase.Entry(receivable, "no:such:account", 100), LedgerRejection.UnknownAccount);
    }

    [Fact]
    public async Task PostAsync_CurrencyMismatch_ThrowsCurrencyMismatchAndWritesNothing()
    {
        var (receivable, payable) = await db.NewAccountPairAsync();

        // Balanced in USD, but both accounts are BRL accounts.
        await AssertRejectedAsync(LedgerDatabase.Entry(receivable, payable, 100, currency: "USD"), LedgerRejection.CurrencyMismatch);
    }

    [Fact]
    public async Task PostAsync_SinglePosting_ThrowsTooFewPostings()
    {
        var (receivable, _) = await db.NewAccountPairAsync();
        var request = LedgerDatabase.Entry(receivable, receivable, 100) with { Postings = [new(receivable, BalanceSide.Debit, 100, "BRL")] };

        await AssertRejectedAsync(request, LedgerRejection.TooFewPostings);
    }

    [Fact]
    public async Task EnsureAccountAsync_SameDefinitionTwice_ReturnsSameAccount()
    {
        var definition = new AccountDefinition($"fees:{Guid.NewGuid():N}", AccountType.Fees, null, "BRL");

        var first = await db.InTransactionAsync(tx => db.Posting.EnsureAccountAsync(definition, tx, default));
        var second = await db.InTransactionAsync(tx => db.Posting.EnsureAccountAsync(definition, tx, default));

        Assert.Equal(first, second);
        Assert.Equal(BalanceSide.Credit, first.NormalSide);
    }

    [Fact]
    public async Task EnsureAccountAsync_CodeExistsWithOtherCurrency_ThrowsAccountConflict()
    {
        var definition = new AccountDefinition($"fees:{Guid.NewGuid():N}", AccountType.Fees, null, "BRL");
        await db.InTransactionAsync(tx => db.Posting.EnsureAccountAsync(definition, tx, default));

        var error = await Assert.ThrowsAsync<LedgerRejectedException>(() =>
            db.InTransactionAsync(tx => db.Posting.EnsureAccountAsync(definition with { Currency = "USD" }, tx, default)));

        Assert.Equal(LedgerRejection.AccountConflict, error.Reason);
    }

    [Fact]
    public async Task EnsureAccountAsync_CommittedAccountSeenOnce_IsNotAskedForAgain()
    {
        var definition = new AccountDefinition($"fees:{Guid.NewGuid():N}", AccountType.Fees, null, "BRL");
        var created = await db.InTransactionAsync(tx => db.Posting.EnsureAccountAsync(definition, tx, default));
        await db.InTransactionAsync(tx => db.Posting.EnsureAccountAsync(definition, tx, default)); // finds it committed

        // A transaction that already failed refuses every statement (25P02): only an answer from memory can succeed.
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var failing = new NpgsqlCommand("SELECT 1 / 0", connection, transaction))
        {
            await Assert.ThrowsAsync<PostgresException>(() => failing.ExecuteScalarAsync());
        }

        Assert.Equal(created, await db.Posting.EnsureAccountAsync(definition, transaction, default));
        var conflict = await Assert.ThrowsAsync<LedgerRejectedException>(() =>
            db.Posting.EnsureAccountAsync(definition with { Type = AccountType.Suspense }, transaction, default));
        Assert.Equal(LedgerRejection.AccountConflict, conflict.Reason);
    }

    [Fact]
    public async Task EnsureAccountAsync_AccountOfARolledBackTransaction_IsOpenedAgain()
    {
        var definition = new AccountDefinition($"fees:{Guid.NewGuid():N}", AccountType.Fees, null, "BRL");
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var opened = await db.Posting.EnsureAccountAsync(definition, transaction, default);
            // The second call in the same transaction reads the row its own transaction wrote: it must not be kept.
            Assert.Equal(opened, await db.Posting.EnsureAccountAsync(definition, transaction, default));
            await transaction.RollbackAsync();
        }

        var reopened = await db.InTransactionAsync(tx => db.Posting.EnsureAccountAsync(definition, tx, default));
        var (other, _) = await db.NewAccountPairAsync();
        await db.PostAsync(LedgerDatabase.Entry(other, reopened.Code, 500));

        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM ledger.accounts WHERE code = '{definition.Code}'"));
        Assert.Equal(500, (await db.Queries.GetBalanceAsync(reopened.Code, default))!.Balance);
    }

    [Fact]
    public async Task GetBalanceAsync_AfterEntries_ReportsBalanceOnNormalSide()
    {
        var (receivable, payable) = await db.NewAccountPairAsync();
        await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 1_000));
        await db.PostAsync(LedgerDatabase.Entry(payable, receivable, 300));

        var asset = await db.Queries.GetBalanceAsync(receivable, default);
        var liability = await db.Queries.GetBalanceAsync(payable, default);

        Assert.Equal((1_000L, 300L, 700L), (asset!.DebitsPosted, asset.CreditsPosted, asset.Balance));
        Assert.Equal((300L, 1_000L, 700L), (liability!.DebitsPosted, liability.CreditsPosted, liability.Balance));
    }

    // A rejection writes nothing and leaves the caller's transaction usable: the caller's own insert still commits.
    private async Task AssertRejectedAsync(JournalEntryRequest request, LedgerRejection expected)
    {
        var entriesBefore = await db.CountAsync("SELECT count(*) FROM ledger.journal_entries");
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<LedgerRejectedException>(() => db.Posting.PostAsync(request, transaction, default));
        var callerWork = await db.Posting.EnsureAccountAsync(
            new AccountDefinition($"suspense:{Guid.NewGuid():N}", AccountType.Suspense, null, "BRL"), transaction, default);
        await transaction.CommitAsync();

        Assert.Equal(expected, error.Reason);
        Assert.Null(await db.Queries.FindEntryAsync(request.Source, default));
        Assert.Equal(entriesBefore, await db.CountAsync("SELECT count(*) FROM ledger.journal_entries"));
        Assert.NotNull(await db.Queries.GetBalanceAsync(callerWork.Code, default));
    }
}
