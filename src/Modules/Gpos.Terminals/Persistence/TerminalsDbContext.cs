using Gpos.Terminals.Registry;
using Gpos.Terminals.Revocation;
using Microsoft.EntityFrameworkCore;

namespace Gpos.Terminals.Persistence;

/// <summary>The Terminals module's tables, all in the <c>terminals</c> schema.</summary>
internal sealed class TerminalsDbContext(DbContextOptions<TerminalsDbContext> options) : DbContext(options)
{
    public const string Schema = "terminals";

    public DbSet<CertificateRevocation> CertificateRevocations => Set<CertificateRevocation>();
    public DbSet<TerminalRecord> Terminals => Set<TerminalRecord>();
    public DbSet<ActivationCodeRecord> ActivationCodes => Set<ActivationCodeRecord>();
    public DbSet<ActivationAttemptRecord> ActivationAttempts => Set<ActivationAttemptRecord>();
    public DbSet<IssuedCertificateRecord> IssuedCertificates => Set<IssuedCertificateRecord>();
    public DbSet<TerminalRevocationRecord> TerminalRevocations => Set<TerminalRevocationRecord>();

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
        modelBuilder.Entity<TerminalRecord>(e =>
        {
            e.ToTable("terminals");
            e.HasKey(t => t.TerminalId);
        });
        modelBuilder.Entity<ActivationCodeRecord>(e =>
        {
            e.ToTable("activation_codes");
            e.HasKey(c => c.CodeId);
            e.HasOne<TerminalRecord>().WithMany().HasForeignKey(c => c.TerminalId);
        });
        modelBuilder.Entity<ActivationAttemptRecord>(e =>
        {
            e.ToTable("activation_attempts");
            e.HasKey(a => a.AttemptId);
            e.HasOne<ActivationCodeRecord>().WithMany().HasForeignKey(a => a.CodeId);
            e.Property(a => a.AttemptId).ValueGeneratedOnAdd();
        });
        modelBuilder.Entity<IssuedCertificateRecord>(e =>
        {
            e.ToTable("issued_certificates");
            e.HasKey(c => c.SerialNumber);
            e.HasOne<TerminalRecord>().WithMany().HasForeignKey(c => c.TerminalId);
            e.HasOne<ActivationCodeRecord>().WithMany().HasForeignKey(c => c.ActivationCodeId);
        });
        modelBuilder.Entity<TerminalRevocationRecord>(e =>
        {
            e.ToTable("terminal_revocations");
            e.HasKey(r => r.TerminalId);
            e.HasOne<TerminalRecord>().WithOne().HasForeignKey<TerminalRevocationRecord>(r => r.TerminalId);
        });
    }
}
