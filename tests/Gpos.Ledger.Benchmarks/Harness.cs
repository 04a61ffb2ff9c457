using System.Diagnostics;
using Gpos.BuildingBlocks.Persistence;
using Gpos.Ledger.Contracts;
using Gpos.Ledger.Sealing;
using Gpos.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Gpos.Ledger.Benchmarks;

/// <summary>
/// Runs raw INSERT, then ledger posting with the sealer, on one fresh database: A raw autocommit, B raw in a transaction,
/// C ledger in the caller's transaction, then <c>rounds</c> times D (standalone ledger post) followed by a raw
/// autocommit phase, so that every D phase has a raw phase just before and just after it (load on a shared VM drifts).
/// </summary>
internal static class Harness
{
    private const int Merchants = 200;

    public static async Task<Report> RunAsync(TimeSpan phase, int writers, int rounds, CancellationToken cancellationToken)
    {
        await using var database = await TestDatabase.CreateAsync();
        // Same pool settings for both workloads; auto-prepare so neither pays for re-parsing.
        var app = new NpgsqlConnectionStringBuilder(database.ConnectionStrings.App) { MaxAutoPrepare = 20, MaxPoolSize = writers + 8 }.ConnectionString;
        await using var services = BuildServices(app);
        foreach (var migrator in services.GetServices<IModuleMigrator>())
        {
            await migrator.MigrateAsync(database.ConnectionStrings.Owner, cancellationToken);
        }

        await database.AdminExecuteAsync($"""
            CREATE SCHEMA bench AUTHORIZATION {DatabaseRoles.Owner};
            CREATE TABLE bench.raw_inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, writer int NOT NULL,
                                            amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            ALTER TABLE bench.raw_inserts OWNER TO {DatabaseRoles.Owner};
            GRANT USAGE ON SCHEMA bench TO {DatabaseRoles.App};
            GRANT INSERT, SELECT ON bench.raw_inserts TO {DatabaseRoles.App};
            """);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        // Warm-up (JIT, pool, plan caches) for both workloads, not measured.
        var warmUp = TimeSpan.FromSeconds(2);
        await RunWritersAsync(writers, warmUp, (w, i) => RawInsertAsync(dataSource, w, i), cancellationToken);
        var rawBefore = await RunWritersAsync(writers, phase, (w, i) => RawInsertAsync(dataSource, w, i), cancellationToken);
        var rawInTransaction = await RunWritersAsync(writers, phase, (w, i) => RawInsertInTransactionAsync(dataSource, w, i), cancellationToken);
        var ledger = await RunLedgerAsync(services, writers, phase, rounds,
            () => RunWritersAsync(writers, phase, (w, i) => RawInsertAsync(dataSource, w, i), cancellationToken), cancellationToken);
        return ledger with { RawBefore = rawBefore, RawInTransaction = rawInTransaction, Writers = writers, Phase = phase };
    }

    private static ServiceProvider BuildServices(string app)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(NpgsqlDataSource.Create(app));
        services.AddLedgerModule(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    private static async Task<Report> RunLedgerAsync(ServiceProvider services, int writers, TimeSpan phase, int rounds,
        Func<Task<PhaseResult>> rawPhase, CancellationToken cancellationToken)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var posting = services.GetRequiredService<ILedgerPosting>();
        var metrics = services.GetRequiredService<LedgerMetrics>();
        await OpenAccountsAsync(dataSource, posting, cancellationToken);
        var sealer = services.GetServices<IHostedService>().Single();
        await sealer.StartAsync(cancellationToken);
        await RunWritersAsync(writers, TimeSpan.FromSeconds(2), (w, i) => PostAsync(dataSource, posting, w, 10_000_000 + i), cancellationToken);

        using var sampling = new CancellationTokenSource();
        var maxGauge = SampleLagAsync(metrics, sampling.Token);
        var inCallerTransaction = await RunWritersAsync(writers, phase, (w, i) => PostAsync(dataSource, posting, w, i), cancellationToken);
        var drain = await DrainAsync(dataSource, cancellationToken);
        var standalone = new List<PhaseResult>();
        var rawAfter = new List<PhaseResult>();
        // The raw phases between the D phases run with the sealer started; it has nothing to seal by then but its polls.
        for (var round = 0; round < rounds; round++)
        {
            var offset = 20_000_000 + (round * 10_000_000L);
            standalone.Add(await RunWritersAsync(writers, phase, (w, i) => PostStandaloneAsync(posting, w, offset + i), cancellationToken));
            drain = Max(drain, await DrainAsync(dataSource, cancellationToken));
            rawAfter.Add(await rawPhase());
        }

        await sampling.CancelAsync();
        await sealer.StopAsync(cancellationToken);
        var maxDelay = TimeSpan.FromSeconds(await ScalarAsync<double>(dataSource, """
            SELECT coalesce(extract(epoch FROM max(s.sealed_at - e.created_at)), 0)::float8
            FROM ledger.sealed_entries se JOIN ledger.seals s ON s.seq = se.seal_seq JOIN ledger.journal_entries e ON e.id = se.entry_id
            """, cancellationToken));
        var seals = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM ledger.seals", cancellationToken);
        var verifyTime = Stopwatch.StartNew();
        var verification = await services.GetRequiredService<ILedgerVerifier>().VerifyAsync(cancellationToken);
        verifyTime.Stop();
        return new Report(inCallerTransaction, standalone, default, default, rawAfter, maxDelay, TimeSpan.FromSeconds(await maxGauge),
            drain, seals, verification.Ok, verification.EntriesChecked, verifyTime.Elapsed, 0, default);
    }

    /// <summary>Time until the sealer has sealed every committed entry, the writers having stopped.</summary>
    private static async Task<TimeSpan> DrainAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var drain = Stopwatch.StartNew();
        while (await ScalarAsync<long>(dataSource, "SELECT count(*) FROM ledger.unsealed_entries()", cancellationToken) > 0)
        {
            await Task.Delay(20, cancellationToken);
        }

        return drain.Elapsed;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task<PhaseResult> RunWritersAsync(int writers, TimeSpan phase, Func<int, long, Task> operation,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            long done = 0;
            while (stopwatch.Elapsed < phase)
            {
                await operation(writer, done);
                done++;
            }

            return done;
        }));
        stopwatch.Stop();
        return new PhaseResult(counts.Sum(), stopwatch.Elapsed);
    }

    private static async Task RawInsertAsync(NpgsqlDataSource dataSource, int writer, long i)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO bench.raw_inserts (writer, amount) VALUES ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = writer });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 100 + i });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RawInsertInTransactionAsync(NpgsqlDataSource dataSource, int writer, long i)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("INSERT INTO bench.raw_inserts (writer, amount) VALUES ($1, $2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = writer });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 100 + i });
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>The module pattern: the caller's transaction (where its own state change would be), the entry, commit.</summary>
    private static async Task PostAsync(NpgsqlDataSource dataSource, ILedgerPosting posting, int writer, long i)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await posting.PostAsync(Entry(writer, i), transaction, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static Task<PostedEntry> PostStandaloneAsync(ILedgerPosting posting, int writer, long i) =>
        posting.PostAsync(Entry(writer, i), CancellationToken.None);

    // Every entry touches the one PSP settlement account (the hot row) and one of 200 merchant accounts.
    private static JournalEntryRequest Entry(int writer, long i)
    {
        var merchant = (int)((writer * 7919 + i) % Merchants);
        return new JournalEntryRequest(new SourceKey("bench", $"{writer}-{i}", "settled"), "Pix settled", DateTimeOffset.UtcNow,
            [new("psp:settlement:brl", BalanceSide.Debit, 1_000 + (i % 1_000), "BRL"),
             new($"merchant:{merchant}:payable:brl", BalanceSide.Credit, 1_000 + (i % 1_000), "BRL")]);
    }

    private static async Task OpenAccountsAsync(NpgsqlDataSource dataSource, ILedgerPosting posting, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await posting.EnsureAccountAsync(new AccountDefinition("psp:settlement:brl", AccountType.PspSettlement, null, "BRL"), transaction, cancellationToken);
        for (var m = 0; m < Merchants; m++)
        {
            await posting.EnsureAccountAsync(new AccountDefinition($"merchant:{m}:payable:brl", AccountType.MerchantPayable, $"m{m}", "BRL"),
                transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<double> SampleLagAsync(LedgerMetrics metrics, CancellationToken cancellationToken)
    {
        var max = 0.0;
        try
        {
            while (true)
            {
                max = Math.Max(max, metrics.SealLagSeconds);
                await Task.Delay(50, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return max;
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
