using Gpos.BuildingBlocks.Persistence;
using Gpos.Ledger.Contracts;
using Gpos.Ledger.Projections;
using Gpos.Ledger.Sealing;
using Gpos.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gpos.Ledger.Tests;

/// <summary>
/// A fresh database with the ledger migrations applied (as the owner) and the module's services wired on the
/// application role, without the host and without the background sealer (tests seal explicitly).
/// </summary>
public sealed class LedgerDatabase : IAsyncLifetime, IAsyncDisposable
{
    private ServiceProvider? _services;
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialized.");

    internal ILedgerPosting Posting => Services.GetRequiredService<ILedgerPosting>();

    internal ILedgerQueries Queries => Services.GetRequiredService<ILedgerQueries>();

    internal ILedgerVerifier Verifier => Services.GetRequiredService<ILedgerVerifier>();

    internal LedgerSealer Sealer => Services.GetRequiredService<LedgerSealer>();

    internal BalanceProjection Projection => Services.GetRequiredService<BalanceProjection>();

    /// <param name="settings">Configuration of the ledger module.</param>
    /// <param name="beforeMigrations">Runs on the fresh database before the ledger's migrations (e.g. an older schema with data).</param>
    public static async Task<LedgerDatabase> CreateAsync(IDictionary<string, string?>? settings = null,
        Func<TestDatabase, Task>? beforeMigrations = null)
    {
        var database = new LedgerDatabase();
        await database.StartAsync(settings, beforeMigrations);
        return database;
    }

    public Task InitializeAsync() => StartAsync(null);

    public async Task StartAsync(IDictionary<string, string?>? settings, Func<TestDatabase, Task>? beforeMigrations = null)
    {
        _database = await TestDatabase.CreateAsync();
        if (beforeMigrations is not null)
        {
            await beforeMigrations(_database);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(NpgsqlDataSource.Create(_database.ConnectionStrings.App));
        services.AddLedgerModule(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        _services = services.BuildServiceProvider();
        foreach (var migrator in _services.GetServices<IModuleMigrator>())
        {
            await migrator.MigrateAsync(_database.ConnectionStrings.Owner, CancellationToken.None);
        }
    }

    /// <summary>Runs <paramref name="work"/> in a transaction of the application role and commits it.</summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlTransaction, Task<T>> work)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await work(transaction);
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>Opens a receivable (debit-normal) and a payable (credit-normal) account with fresh codes.</summary>
    public async Task<(string Receivable, string Payable)> NewAccountPairAsync(string currency = "BRL")
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var owner = $"m-{suffix}";
        var receivable = $"acq:{suffix}:{currency.ToLowerInvariant()}";
        var payable = $"merchant:{suffix}:payable:{currency.ToLowerInvariant()}";
        await InTransactionAsync(async tx =>
        {
            await Posting.EnsureAccountAsync(new AccountDefinition(receivable, AccountType.AcquirerReceivable, null, currency), tx, default);
            return await Posting.EnsureAccountAsync(new AccountDefinition(payable, AccountType.MerchantPayable, owner, currency), tx, default);
        });
        return (receivable, payable);
    }

    public static JournalEntryRequest Entry(string debit, string credit, long amount, string? sourceId = null, string currency = "BRL") =>
        new(new SourceKey("tests", sourceId ?? Guid.NewGuid().ToString("N"), "settled"), "test entry",
            DateTimeOffset.UnixEpoch.AddDays(20_000),
            [new PostingLine(debit, BalanceSide.Debit, amount, currency), new PostingLine(credit, BalanceSide.Credit, amount, currency)]);

    public Task<PostedEntry> PostAsync(JournalEntryRequest entry) => InTransactionAsync(tx => Posting.PostAsync(entry, tx, default));

    public Task<long> CountAsync(string sql) => Database.AppScalarAsync<long>(sql);

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
