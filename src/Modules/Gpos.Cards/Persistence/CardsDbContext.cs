using Microsoft.EntityFrameworkCore;

namespace Gpos.Cards.Persistence;

/// <summary>The Cards module's tables, all in the <c>cards</c> schema (one schema and migration history per module).</summary>
internal sealed class CardsDbContext(DbContextOptions<CardsDbContext> options) : DbContext(options)
{
    public const string Schema = "cards";

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.HasDefaultSchema(Schema);
}
