using FluentValidation;
using Gpos.BuildingBlocks.Http;
using Gpos.BuildingBlocks.Identity;
using Gpos.Terminals.Persistence;
using Gpos.Terminals.Revocation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using System.Security.Claims;

namespace Gpos.Terminals.RevokeCertificate;

/// <summary>Body of an ops revocation request.</summary>
internal sealed record RevokeCertificateRequest(string Reason);

/// <summary>The revocation as recorded.</summary>
internal sealed record CertificateRevocationResponse(string SerialNumber, DateTimeOffset RevokedAt, string Reason, string RevokedBy);

internal sealed class RevokeCertificateRequestValidator : AbstractValidator<RevokeCertificateRequest>
{
    public RevokeCertificateRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(200);
}

internal static partial class RevokeCertificateEndpoint
{
    public static void Map(RouteGroupBuilder ops)
    {
        ops.MapPut("/certificates/{serialNumber}/revocation", HandleAsync)
            .WithName("RevokeCertificate")
            .WithSummary("Revoke one client certificate at once (handshake deny-list in every instance within seconds).");
        ops.MapGet("/certificates/revocations", ListAsync)
            .WithName("ListCertificateRevocations")
            .WithSummary("List revoked certificate serial numbers.");
    }

    private static async Task<Results<Ok<CertificateRevocationResponse>, ProblemHttpResult>> HandleAsync(
        string serialNumber, RevokeCertificateRequest request, ClaimsPrincipal user, TerminalsDbContext db,
        RevocationList revocationList, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var serial = serialNumber.ToUpperInvariant();
        if (!IsWholeOctets(serial))
        {
            return ProblemResults.BadRequest("serialNumber must be 2 to 64 hexadecimal digits, an even number (whole octets).");
        }

        var existing = await db.CertificateRevocations.AsNoTracking()
            .SingleOrDefaultAsync(r => r.SerialNumber == serial, cancellationToken);
        if (existing is null)
        {
            existing = new CertificateRevocation
            {
                SerialNumber = serial,
                RevokedAt = clock.GetUtcNow(),
                Reason = request.Reason,
                RevokedBy = user.RequireCaller().Urn,
            };
            db.CertificateRevocations.Add(existing);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent revocation of the same serial won: revoking is idempotent.
                db.ChangeTracker.Clear();
                existing = await db.CertificateRevocations.AsNoTracking().SingleAsync(r => r.SerialNumber == serial, cancellationToken);
            }

            loggers.CreateLogger("Gpos.Terminals.Revocation")
                .LogInformation("Certificate {SerialNumber} revoked by {RevokedBy}", serial, existing.RevokedBy);
        }

        revocationList.Add(serial);
        return TypedResults.Ok(new CertificateRevocationResponse(existing.SerialNumber, existing.RevokedAt, existing.Reason, existing.RevokedBy));
    }

    private static async Task<Ok<List<CertificateRevocationResponse>>> ListAsync(TerminalsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.CertificateRevocations.AsNoTracking()
            .OrderBy(r => r.RevokedAt)
            .Select(r => new CertificateRevocationResponse(r.SerialNumber, r.RevokedAt, r.Reason, r.RevokedBy))
            .ToListAsync(cancellationToken));

    /// <summary>
    /// A serial as the CRL encodes it: whole octets in upper-case hex. An odd number of digits ("1E309") was once
    /// accepted, and then every CRL request failed on it (found by OpenApiFuzzTests).
    /// </summary>
    internal static bool IsWholeOctets(string serial) => SerialPattern().IsMatch(serial);

    [System.Text.RegularExpressions.GeneratedRegex("^(?:[0-9A-F]{2}){1,32}$")]
    private static partial System.Text.RegularExpressions.Regex SerialPattern();
}
