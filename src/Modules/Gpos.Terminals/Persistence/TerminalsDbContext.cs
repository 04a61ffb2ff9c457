using Gpos.Terminals.Revocation;
using Microsoft.EntityFrameworkCore;

namespace Gpos.Terminals.Persistence;

/// <summary>The Terminals module's tables, all in the <c>terminals</c> schema.</summary>
internal sealed class TerminalsDbContext(DbContextOptions<TerminalsDbContext> options) : DbContext(options)
{
    public const string Schema = "terminals";

    public DbSet<CertificateRevocation> CertificateRevocations => Set<CertificateRevocation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<CertificateRevocation>(e =>
        {
            e.ToTable("certificate_revocations");
            e.HasKey(r => r.SerialNumber);
            e.Property(r => r.SerialNumber).HasColumnName("serial_number");
            e.Property(r => r.RevokedAt).HasColumnName("revoked_at");
            e.Property(r => r.Reason).HasColumnName("reason");
            e.Property(r => r.RevokedBy).HasColumnName("revoked_by");
        });
    }
}
