using Microsoft.EntityFrameworkCore;

namespace Gpos.Pix.Persistence;

/// <summary>The Pix module's tables, all in the <c>pix</c> schema (one schema and migration history per module).</summary>
internal sealed class PixDbContext(DbContextOptions<PixDbContext> options) : DbContext(options)
{
    public const string Schema = "pix";

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.HasDefaultSchema(Schema);
}
