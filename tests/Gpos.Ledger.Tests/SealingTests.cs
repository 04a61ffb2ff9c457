using Gpos.Ledger.Sealing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Ledger.Tests;

public sealed class SealingTests
{
    [Fact]
    public async Task SealOnceAsync_CommittedEntries_SealsAllAndVerifies()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        var (receivable, payable) = await db.NewAccountPairAsync();
        for (var i = 0; i < 5; i++)
        {
            await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 100 + i));
        }

        var batch = await db.Sealer.SealOnceAsync(default);
        var empty = await db.Sealer.SealOnceAsync(default);

        Assert.Equal((1L, 5), (batch.Seq, batch.EntryCount));
        Assert.Null(empty.Seq);
        var verification = await db.Verifier.VerifyAsync(default);
        Assert.True(verification.Ok, verification.FirstBreak?.Detail);
        Assert.Equal((1L, 5L, 0L), (verification.SealsChecked, verification.EntriesChecked, verification.UnsealedEntries));
    }

    [Fact]
    public async Task SealOnceAsync_TransactionCommittingLate_IsSealedInALaterSeal()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        var (receivable, payable) = await db.NewAccountPairAsync();

        await using var lateConnection = await db.DataSource.OpenConnectionAsync();
        await using var late = await lateConnection.BeginTransactionAsync();
        var early = await db.Posting.PostAsync(LedgerDatabase.Entry(receivable, payable, 1), late, default);
        var later = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            later.Add((await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 10 + i))).EntryId);
        }

        var first = await db.Sealer.SealOnceAsync(default);
        await late.CommitAsync();
        var second = await db.Sealer.SealOnceAsync(default);

        Assert.True(early.EntryId < later.Min(), "the late transaction's entry has the lower id");
        Assert.Equal(3, first.EntryCount);
        Assert.All(later, id => Assert.Equal(first.Seq, SealOf(db, id)));
        Assert.Equal((1, second.Seq), (second.EntryCount, SealOf(db, early.EntryId)));
        Assert.True(second.Seq > first.Seq);
        Assert.True((await db.Verifier.VerifyAsync(default)).Ok);
    }

    [Fact]
    public async Task SealOnceAsync_TwoSealersRacingWithWriters_OneChainEveryEntryOnce()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        var (receivable, payable) = await db.NewAccountPairAsync();
        var other = new LedgerSealer(db.DataSource, db.Services.GetRequiredService<IOptions<LedgerOptions>>(), TimeProvider.System,
            db.Services.GetRequiredService<LedgerMetrics>());
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 8).Select(async w =>
        {
            for (var i = 0; i < 40; i++)
            {
                await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 1 + i));
            }
        }).ToList();
        var sealers = new[] { db.Sealer, other }.Select(async sealer =>
        {
            while (!stop.IsCancellationRequested)
            {
                await sealer.SealOnceAsync(default);
            }
        }).ToList();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(sealers);
        await db.Sealer.SealOnceAsync(default);

        Assert.Equal(320, await db.CountAsync("SELECT count(*) FROM ledger.sealed_entries"));
        Assert.True((await db.Verifier.VerifyAsync(default)).Ok);
    }

    [Fact]
    public async Task SealerService_WithConcurrentWriters_KeepsUpAndSealsEverything()
    {
        await using var db = await LedgerDatabase.CreateAsync(new Dictionary<string, string?> { ["Gpos:Ledger:SealInterval"] = "00:00:00.050" });
        var (receivable, payable) = await db.NewAccountPairAsync();
        var service = db.Services.GetServices<IHostedService>().Single();
        await service.StartAsync(default);
        var until = DateTime.UtcNow.AddSeconds(3);

        var written = await Task.WhenAll(Enumerable.Range(0, 16).Select(async w =>
        {
            var count = 0;
            for (; DateTime.UtcNow < until; count++)
            {
                await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 1));
            }

            return count;
        }));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await db.CountAsync("SELECT count(*) FROM ledger.sealed_entries") < written.Sum() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await service.StopAsync(default);
        Assert.Equal(written.Sum(), await db.CountAsync("SELECT count(*) FROM ledger.sealed_entries"));
        var maxDelayMs = await db.Database.AdminScalarAsync<double>("""
            SELECT (extract(epoch FROM max(s.sealed_at - e.created_at)) * 1000)::float8
            FROM ledger.sealed_entries se JOIN ledger.seals s ON s.seq = se.seal_seq JOIN ledger.journal_entries e ON e.id = se.entry_id
            """);
        Assert.True(maxDelayMs < 2_000, $"an entry waited {maxDelayMs} ms for its seal");
        Assert.True((await db.Verifier.VerifyAsync(default)).Ok);
    }

    [Fact]
    public async Task ObserveLagAsync_UnsealedEntry_ReportsLagThenZeroOnceSealed()
    {
        await using var db = await LedgerDatabase.CreateAsync();
        var (receivable, payable) = await db.NewAccountPairAsync();
        await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 1));
        var metrics = db.Services.GetRequiredService<LedgerMetrics>();

        await db.Sealer.ObserveLagAsync(default);
        await Task.Delay(20);
        var lagging = metrics.SealLagSeconds;
        await db.Sealer.SealOnceAsync(default);
        await db.Sealer.ObserveLagAsync(default);

        Assert.True(lagging > 0);
        Assert.Equal(0, metrics.SealLagSeconds);
    }

    [Fact]
    public async Task RebuildAsync_FromScratch_EqualsLiveProjection()
    {
        await using var db = await LedgerDatabase.CreateAsync(new Dictionary<string, string?> { ["Gpos:Ledger:SealBatchSize"] = "7" });
        var (receivable, payable) = await db.NewAccountPairAsync();
        var (usdReceivable, usdPayable) = await db.NewAccountPairAsync("USD");
        for (var i = 1; i <= 20; i++)
        {
            await db.PostAsync(LedgerDatabase.Entry(receivable, payable, i * 10));
            await db.PostAsync(LedgerDatabase.Entry(usdPayable, usdReceivable, i, currency: "USD"));
        }

        while ((await db.Sealer.SealOnceAsync(default)).Full)
        {
        }

        var live = await db.Projection.ReadAsync(default);
        await db.Database.AppExecuteAsync("DELETE FROM ledger.balance_projection");
        await db.Projection.RebuildAsync(default);
        var rebuilt = await db.Projection.ReadAsync(default);

        Assert.Equal(4, live.Count);
        Assert.Equal(live.OrderBy(p => p.Key), rebuilt.OrderBy(p => p.Key));
        Assert.Equal((2_100L, 0L), live[await AccountIdAsync(db, receivable)]);
        Assert.True((await db.Verifier.VerifyAsync(default)).Ok);
    }

    private static long? SealOf(LedgerDatabase db, long entryId)
    {
        using var connection = db.DataSource.OpenConnection();
        using var command = new NpgsqlCommand($"SELECT seal_seq FROM ledger.sealed_entries WHERE entry_id = {entryId}", connection);
        return command.ExecuteScalar() as long?;
    }

    private static Task<long> AccountIdAsync(LedgerDatabase db, string code) =>
        db.CountAsync($"SELECT id FROM ledger.accounts WHERE code = '{code}'");
}
