using Microsoft.EntityFrameworkCore;

namespace Gpos.Webhooks.Persistence;

/// <summary>The Webhooks module's tables, all in the <c>webhooks</c> schema (one schema and migration history per module).</summary>
internal sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options) : DbContext(options)
{
    public const string Schema = "webhooks";

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.HasDefaultSchema(Schema);
}
