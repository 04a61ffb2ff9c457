using Gpos.DevTools;
using Npgsql;

namespace Gpos.Testing;

/// <summary>A fresh GPOS database (owner and application roles) for one test class; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    // Roles are cluster-wide and shared by every test database, so their passwords are constants (test clusters only).
    private const string OwnerPassword = "gpos-owner-test";
    private const string AppPassword = "gpos-app-test";

    private TestDatabase(string name, string adminConnectionString, GposConnectionStrings connectionStrings)
    {
        Name = name;
        AdminConnectionString = adminConnectionString;
        ConnectionStrings = connectionStrings;
    }

    public string Name { get; }

    /// <summary>Superuser connection to this database (for tests that must act as an attacker with full rights).</summary>
    public string AdminConnectionString { get; }

    public GposConnectionStrings ConnectionStrings { get; }

    public static async Task<TestDatabase> CreateAsync() => await CreateOnAsync(await PostgresServer.GetAdminConnectionStringAsync());

    /// <summary>A fresh GPOS database on another server (e.g. a cluster a test stops and starts).</summary>
    public static async Task<TestDatabase> CreateOnAsync(string admin)
    {
        var name = $"gpos_t_{Guid.NewGuid():N}"[..30];
        var strings = await DatabaseProvisioner.ProvisionAsync(admin, name, OwnerPassword, AppPassword, CancellationToken.None);
        var adminForDatabase = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        return new TestDatabase(name, adminForDatabase, strings);
    }

    /// <summary>Runs a scalar query as the application role.</summary>
    public Task<T> AppScalarAsync<T>(string sql) => ScalarAsync<T>(ConnectionStrings.App, sql);

    /// <summary>Runs a scalar query as the superuser.</summary>
    public Task<T> AdminScalarAsync<T>(string sql) => ScalarAsync<T>(AdminConnectionString, sql);

    /// <summary>Runs a statement as the application role (what the API connects as).</summary>
    public Task AppExecuteAsync(string sql) => ExecuteAsync(ConnectionStrings.App, sql);

    /// <summary>Runs a statement as the owner role (what migrations run as).</summary>
    public Task OwnerExecuteAsync(string sql) => ExecuteAsync(ConnectionStrings.Owner, sql);

    /// <summary>Runs a statement as the superuser.</summary>
    public Task AdminExecuteAsync(string sql) => ExecuteAsync(AdminConnectionString, sql);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = await PostgresServer.GetAdminConnectionStringAsync();
        await DatabaseProvisioner.DropAsync(admin, Name, CancellationToken.None);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
