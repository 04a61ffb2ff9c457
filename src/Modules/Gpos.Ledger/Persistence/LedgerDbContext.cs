using Microsoft.EntityFrameworkCore;

namespace Gpos.Ledger.Persistence;

/// <summary>The Ledger module's tables, all in the <c>ledger</c> schema (one schema and migration history per module).</summary>
internal sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public const string Schema = "ledger";

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.HasDefaultSchema(Schema);
}
