using System.Security.Claims;
using FluentValidation;
using Gpos.BuildingBlocks.Identity;
using Gpos.Terminals.Enrollment;
using Gpos.Terminals.Persistence;
using Gpos.Terminals.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gpos.Terminals.Renewal;

/// <summary>A renewal: a new CSR over mTLS with the current certificate (EST simplereenroll-like).</summary>
internal sealed record RenewCertificateRequest(string Csr);

internal sealed class RenewCertificateRequestValidator : AbstractValidator<RenewCertificateRequest>
{
    public RenewCertificateRequestValidator() => RuleFor(r => r.Csr).NotEmpty().MaximumLength(8192);
}

/// <summary>
/// Renewal (design.md §2 step 3): the identity is the presenting certificate's (a CSR naming another terminal changes
/// nothing: GPOS ignores requested subjects). A revoked terminal cannot renew; a revoked certificate never gets this
/// far (the handshake refuses it). The old certificate stays valid until it expires unless revoked.
/// </summary>
internal static class RenewCertificateEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/v1/terminals/me/certificate", HandleAsync)
            .RequireAuthorization(GposPolicies.Terminal)
            .WithTags("Terminals: certificates")
            .WithName("RenewTerminalCertificate")
            .WithSummary("Renew the calling terminal's certificate with a new CSR (mTLS with the current certificate).");

    private static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> HandleAsync(
        RenewCertificateRequest request, ClaimsPrincipal user, TerminalsDbContext db, TerminalCertificateIssuer issuer,
        IOptions<TerminalsOptions> options, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = user.RequireCaller();
        var logger = loggers.CreateLogger("Gpos.Terminals.Renewal");
        var terminal = await db.Terminals.AsNoTracking().SingleOrDefaultAsync(t => t.TerminalId == caller.Id, cancellationToken);
        if (terminal is null || await db.TerminalRevocations.AnyAsync(r => r.TerminalId == caller.Id, cancellationToken))
        {
            logger.LogWarning("Renewal refused for {TerminalId}: unknown or revoked terminal", caller.Id);
            return TerminalProblems.TerminalRevoked();
        }

        var rejection = SigningRequest.TryLoad(request.Csr, out var publicKey);
        if (rejection != CsrRejection.None)
        {
            logger.LogWarning("Renewal refused for {TerminalId}: CSR {Rejection}", caller.Id, rejection);
            return TerminalProblems.InvalidCsr(EnrollmentOutcome.Describe(rejection));
        }

        var issued = issuer.Issue(terminal.TerminalId, terminal.MerchantId, publicKey!);
        var presenting = user.FindFirstValue(GposClaimTypes.CertificateSerial);
        db.IssuedCertificates.Add(CertificateLog.Record(terminal.TerminalId, issued, issuer, clock, $"renewal-of:{presenting}"));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Certificate {SerialNumber} issued to {TerminalId}, renewing {PreviousSerial}",
            issued.SerialNumber, terminal.TerminalId, presenting);
        return TypedResults.Ok(CertificateLog.Response(terminal, issued, options.Value));
    }
}
