using System.Security.Cryptography;
using Npgsql;

namespace Gpos.DevTools;

/// <summary>The two connection strings the API needs: application role and owner role (migrations).</summary>
public sealed record GposConnectionStrings(string App, string Owner);

/// <summary>
/// Creates a GPOS database and the two roles it uses (docs/adr/0004), given a superuser connection. Roles are
/// cluster-wide, so they are created once and their passwords reset to the given ones; databases are per call.
/// </summary>
public static class DatabaseProvisioner
{
    public const string OwnerRole = "gpos_owner";
    public const string AppRole = "gpos_app";

    public static async Task<GposConnectionStrings> ProvisionAsync(string adminConnectionString, string database,
        string ownerPassword, string appPassword, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            // Concurrent provisioning (parallel test classes) must not race on CREATE ROLE.
            await ExecAsync(connection, "SELECT pg_advisory_lock(8583001)", cancellationToken);
            try
            {
                await EnsureRoleAsync(connection, OwnerRole, ownerPassword, cancellationToken);
                await EnsureRoleAsync(connection, AppRole, appPassword, cancellationToken);
                var exists = await ScalarAsync(connection, $"SELECT 1 FROM pg_database WHERE datname = '{Identifier(database)}'", cancellationToken);
                if (exists is null)
                {
                    await ExecAsync(connection, $"CREATE DATABASE \"{Identifier(database)}\" OWNER {OwnerRole}", cancellationToken);
                }
            }
            finally
            {
                await ExecAsync(connection, "SELECT pg_advisory_unlock(8583001)", cancellationToken);
            }
        }

        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            // The application role connects and uses what migrations grant it; nothing else.
            await ExecAsync(connection, $"""
                REVOKE ALL ON DATABASE "{Identifier(database)}" FROM PUBLIC;
                GRANT CONNECT, TEMPORARY ON DATABASE "{Identifier(database)}" TO {AppRole};
                GRANT CONNECT, CREATE ON DATABASE "{Identifier(database)}" TO {OwnerRole};
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                """, cancellationToken);
        }

        string For(string user, string password) => new NpgsqlConnectionStringBuilder(admin.ConnectionString)
        {
            Database = database, Username = user, Password = password, Pooling = true,
        }.ConnectionString;
        return new GposConnectionStrings(For(AppRole, appPassword), For(OwnerRole, ownerPassword));
    }

    /// <summary>Drops a database (tests clean up after themselves).</summary>
    public static async Task DropAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecAsync(connection, $"DROP DATABASE IF EXISTS \"{Identifier(database)}\" WITH (FORCE)", cancellationToken);
    }

    public static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();

    private static async Task EnsureRoleAsync(NpgsqlConnection connection, string role, string password, CancellationToken cancellationToken)
    {
        var exists = await ScalarAsync(connection, $"SELECT 1 FROM pg_roles WHERE rolname = '{role}'", cancellationToken);
        var verb = exists is null ? "CREATE" : "ALTER";
        await ExecAsync(connection, $"{verb} ROLE {role} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'",
            cancellationToken);
    }

    private static string Identifier(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : throw new ArgumentException($"Unsafe database name '{name}'.", nameof(name));

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
