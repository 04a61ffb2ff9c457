using Gpos.Terminals.Persistence;
using Gpos.Terminals.Pki;
using Gpos.Terminals.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Terminals.Enrollment;

/// <summary>
/// Remote registration (design.md §2 step 2): every factor is checked — the serial is registered and not revoked,
/// the latest activation code matches (constant time), is unexpired, unused and not locked, the CSR proves possession
/// of an acceptable key, and the attestation (when required) chains to a manufacturer CA. Attempts on a code are
/// serialised by an advisory lock, so the 5-attempt limit holds under concurrent guessing; the code's single use is a
/// unique index, so it holds under concurrent enrollment.
/// </summary>
internal sealed class EnrollmentService(
    TerminalsDbContext db,
    TerminalCertificateIssuer issuer,
    AttestationVerifier attestation,
    IOptions<TerminalsOptions> options,
    TimeProvider clock,
    ILogger<EnrollmentService> logger)
{
    public async Task<EnrollmentOutcome> EnrollAsync(EnrollRequest request, CancellationToken cancellationToken)
    {
        var terminal = await db.Terminals.AsNoTracking().SingleOrDefaultAsync(t => t.SerialNumber == request.SerialNumber, cancellationToken);
        var code = terminal is null ? null : await db.ActivationCodes.AsNoTracking()
            .Where(c => c.TerminalId == terminal.TerminalId)
            .OrderByDescending(c => c.IssuedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (terminal is null || code is null)
        {
            logger.LogWarning("Enrollment refused: no enrollable terminal with serial {SerialNumber}", request.SerialNumber);
            return EnrollmentOutcome.Fail(EnrollmentStatus.Refused);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({code.CodeId.ToString()}, 8583))", cancellationToken);
        var outcome = await CheckCodeAsync(terminal, code, request.ActivationCode, cancellationToken);
        if (outcome is null)
        {
            outcome = Issue(terminal, code, request);
        }

        if (outcome.Status != EnrollmentStatus.InvalidCsr && outcome.Status != EnrollmentStatus.AttestationRefused)
        {
            db.ActivationAttempts.Add(new ActivationAttemptRecord
            {
                CodeId = code.CodeId, AttemptedAt = clock.GetUtcNow(),
                Succeeded = outcome.Status == EnrollmentStatus.Issued, Outcome = outcome.Status.ToString(),
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            outcome = EnrollmentOutcome.Fail(EnrollmentStatus.AlreadyUsed);
        }

        logger.LogInformation("Enrollment of {TerminalId} (serial {SerialNumber}): {Outcome}",
            terminal.TerminalId, terminal.SerialNumber, outcome.Status);
        return outcome;
    }

    private async Task<EnrollmentOutcome?> CheckCodeAsync(TerminalRecord terminal, ActivationCodeRecord code, string presented,
        CancellationToken cancellationToken)
    {
        if (await db.TerminalRevocations.AnyAsync(r => r.TerminalId == terminal.TerminalId, cancellationToken))
        {
            return EnrollmentOutcome.Fail(EnrollmentStatus.TerminalRevoked);
        }

        var failures = await db.ActivationAttempts.CountAsync(a => a.CodeId == code.CodeId && !a.Succeeded, cancellationToken);
        if (failures >= options.Value.MaxActivationAttempts)
        {
            return EnrollmentOutcome.Fail(EnrollmentStatus.Locked);
        }

        if (!ActivationCode.Matches(presented, code.CodeSha256))
        {
            // This failure may be the one that locks the code.
            return EnrollmentOutcome.Fail(failures + 1 >= options.Value.MaxActivationAttempts ? EnrollmentStatus.Locked : EnrollmentStatus.Refused);
        }

        if (clock.GetUtcNow() >= code.ExpiresAt)
        {
            return EnrollmentOutcome.Fail(EnrollmentStatus.Expired);
        }

        return await db.IssuedCertificates.AnyAsync(c => c.ActivationCodeId == code.CodeId, cancellationToken)
            ? EnrollmentOutcome.Fail(EnrollmentStatus.AlreadyUsed)
            : null;
    }

    private EnrollmentOutcome Issue(TerminalRecord terminal, ActivationCodeRecord code, EnrollRequest request)
    {
        var rejection = SigningRequest.TryLoad(request.Csr, out var publicKey);
        if (rejection != CsrRejection.None)
        {
            return EnrollmentOutcome.Fail(EnrollmentStatus.InvalidCsr, EnrollmentOutcome.Describe(rejection));
        }

        var attestationProblem = attestation.Check(terminal, request.AttestationCertificate);
        if (attestationProblem is not null)
        {
            return EnrollmentOutcome.Fail(EnrollmentStatus.AttestationRefused, attestationProblem);
        }

        var issued = issuer.Issue(terminal.TerminalId, terminal.MerchantId, publicKey!);
        db.IssuedCertificates.Add(CertificateLog.Record(terminal.TerminalId, issued, issuer, clock, $"activation-code:{code.CodeId}", code.CodeId));
        return new EnrollmentOutcome(EnrollmentStatus.Issued, CertificateLog.Response(terminal, issued, options.Value));
    }
}
