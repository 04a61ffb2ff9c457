using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gpos.BuildingBlocks.Persistence;

/// <summary>
/// Runs EF Core migrations for one module's <typeparamref name="TContext"/> as the owner role. Migrations are
/// hand-written SQL (triggers, grants and constraint triggers are SQL anyway: docs/adr/0004), so there is no model
/// snapshot to compare against and EF's pending-model-changes check is switched off here only.
/// </summary>
public sealed class ModuleMigrator<TContext>(string schema, Func<DbContextOptions<TContext>, TContext> create) : IModuleMigrator
    where TContext : DbContext
{
    public string Schema => schema;

    public async Task MigrateAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(ownerConnectionString, npgsql => npgsql.MigrationsHistoryTable(ModuleDb.HistoryTable, schema))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        await using var context = create(options);
        await context.Database.MigrateAsync(cancellationToken);
    }
}
