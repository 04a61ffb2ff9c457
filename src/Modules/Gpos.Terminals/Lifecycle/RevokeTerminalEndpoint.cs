using System.Security.Claims;
using FluentValidation;
using Gpos.BuildingBlocks.Identity;
using Gpos.Terminals.Persistence;
using Gpos.Terminals.Revocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gpos.Terminals.Lifecycle;

internal sealed record RevokeTerminalRequest(string Reason);

internal sealed record TerminalRevocationResponse(string TerminalId, DateTimeOffset RevokedAt, IReadOnlyList<string> RevokedCertificates);

internal sealed class RevokeTerminalRequestValidator : AbstractValidator<RevokeTerminalRequest>
{
    // 180: the certificate revocations record "terminal revoked: {reason}" within their 200-character limit.
    public RevokeTerminalRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(180);
}

/// <summary>
/// Revoking a terminal: it can no longer enroll or renew, and every certificate it holds goes on the deny-list (this
/// instance at once, the others at their next refresh) and into the published CRL. Idempotent.
/// </summary>
internal static class RevokeTerminalEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPut("/ops/v1/terminals/{terminalId}/revocation", HandleAsync)
            .RequireAuthorization(GposPolicies.Ops)
            .WithTags("Ops: terminals")
            .WithName("RevokeTerminal")
            .WithSummary("Revoke a terminal and all its certificates, at once.");

    private static async Task<Results<Ok<TerminalRevocationResponse>, ProblemHttpResult>> HandleAsync(
        string terminalId, RevokeTerminalRequest request, ClaimsPrincipal user, TerminalsDbContext db,
        RevocationList revocationList, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await db.Terminals.AnyAsync(t => t.TerminalId == terminalId, cancellationToken))
        {
            return TerminalProblems.TerminalNotFound();
        }

        var now = clock.GetUtcNow();
        var by = user.RequireCaller().Urn;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO terminals.terminal_revocations (terminal_id, revoked_at, reason, revoked_by)
            VALUES ({terminalId}, {now}, {request.Reason}, {by}) ON CONFLICT (terminal_id) DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO terminals.certificate_revocations (serial_number, revoked_at, reason, revoked_by)
            SELECT serial_number, {now}, {"terminal revoked: " + request.Reason}, {by}
            FROM terminals.issued_certificates WHERE terminal_id = {terminalId}
            ON CONFLICT (serial_number) DO NOTHING
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var serials = await db.IssuedCertificates.AsNoTracking().Where(c => c.TerminalId == terminalId)
            .Select(c => c.SerialNumber).ToListAsync(cancellationToken);
        foreach (var serial in serials)
        {
            revocationList.Add(serial);
        }

        var revocation = await db.TerminalRevocations.AsNoTracking().SingleAsync(r => r.TerminalId == terminalId, cancellationToken);
        loggers.CreateLogger("Gpos.Terminals.Revocation").LogInformation(
            "Terminal {TerminalId} revoked by {RevokedBy}; {Count} certificates denied", terminalId, by, serials.Count);
        return TypedResults.Ok(new TerminalRevocationResponse(terminalId, revocation.RevokedAt, serials));
    }
}
