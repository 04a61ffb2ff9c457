using System.Data.Common;
using System.Diagnostics;
using Gpos.BuildingBlocks;
using Gpos.BuildingBlocks.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Gpos.Api.Database;

internal static class DatabaseSetup
{
    public const string AppConnectionName = "Gpos";
    public const string OwnerConnectionName = "GposOwner";

    /// <summary>
    /// The application-role data source every module shares (one pool), and the readiness check on it.
    /// Connection strings: <c>ConnectionStrings:Gpos</c> (application role) and <c>ConnectionStrings:GposOwner</c>
    /// (owner role, migrations only).
    /// </summary>
    public static void AddGposDatabase(this WebApplicationBuilder builder)
    {
        var app = builder.Configuration.GetConnectionString(AppConnectionName);
        if (string.IsNullOrWhiteSpace(app))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{AppConnectionName} is not set. Use `dotnet run --project src/Tools/Gpos.Launcher` for a local setup.");
        }

        builder.Services.AddNpgsqlDataSource(WithPoolSettings(app));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    /// <summary>
    /// Pool settings for the application role, unless the connection string sets them itself:
    /// <list type="bullet">
    /// <item>keep the server-side plans of the statements GPOS runs again and again (Npgsql automatic preparation):
    /// without it PostgreSQL parses and plans every statement on every request (the charge view is a join of six
    /// tables);</item>
    /// <item>no session reset when a connection returns to the pool (<c>No Reset On Close</c>): every lock GPOS takes is
    /// transaction-scoped except the Pix txid lock, which its holder releases before the connection goes back (and a
    /// broken connection is discarded, not pooled), and GPOS sets no session parameters. The reset cost PostgreSQL one
    /// extra statement per connection checkout (ADR 0013).</item>
    /// </list>
    /// </summary>
    internal static string WithPoolSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 256;
            builder.AutoPrepareMinUsages = 2;
        }

        // NpgsqlConnectionStringBuilder.ContainsKey is true for every keyword it knows, set or not: ask a plain builder.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>Applies every module's migrations as the owner role (modules side by side), then the modules' start-up tasks.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var owner = app.Configuration.GetConnectionString(OwnerConnectionName);
        if (string.IsNullOrWhiteSpace(owner))
        {
            throw new InvalidOperationException($"ConnectionStrings:{OwnerConnectionName} is not set (needed to apply migrations).");
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gpos.Api.Database");
        // The modules' schemas are independent (no migration names another module's objects, each schema has its own
        // history table and lock), so they migrate side by side: on an empty database that is most of the start.
        await Task.WhenAll(app.Services.GetServices<IModuleMigrator>().Select(migrator => Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            await migrator.MigrateAsync(owner, cancellationToken);
            logger.LogInformation("Schema {Schema} is up to date ({ElapsedMs:0} ms)", migrator.Schema,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }, cancellationToken)));

        foreach (var task in app.Services.GetServices<IStartupTask>())
        {
            var started = Stopwatch.GetTimestamp();
            await task.RunAsync(cancellationToken);
            logger.LogInformation("Start-up task {Task} done ({ElapsedMs:0} ms)", task.GetType().Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    private static readonly string[] ModuleSchemas = ["terminals", "pix", "cards", "webhooks", "ledger"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM pg_namespace WHERE nspname = ANY(@schemas)");
            command.Parameters.AddWithValue("schemas", ModuleSchemas);
            var schemas = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return schemas == ModuleSchemas.Length
                ? HealthCheckResult.Healthy("PostgreSQL reachable, all module schemas present.")
                : HealthCheckResult.Unhealthy($"PostgreSQL reachable but only {schemas} of {ModuleSchemas.Length} module schemas exist.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable.", ex);
        }
    }
}
