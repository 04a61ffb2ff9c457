using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Gpos.Terminals.Enrollment;

internal static class EnrollTerminalEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/v1/enrollment", HandleAsync)
            .AllowAnonymous()
            .WithTags("Terminals: enrollment")
            .WithName("EnrollTerminal")
            .WithSummary("A new terminal trades its serial number, one-time activation code and PKCS#10 CSR for its first "
                + "client certificate (bootstrap port; no client certificate needed).");

    private static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> HandleAsync(
        EnrollRequest request, EnrollmentService enrollment, CancellationToken cancellationToken)
    {
        var outcome = await enrollment.EnrollAsync(request, cancellationToken);
        return outcome.Status switch
        {
            EnrollmentStatus.Issued => TypedResults.Ok(outcome.Certificate!),
            EnrollmentStatus.Locked => TerminalProblems.ActivationLocked(),
            EnrollmentStatus.Expired => TerminalProblems.ActivationExpired(),
            EnrollmentStatus.AlreadyUsed => TerminalProblems.ActivationUsed(),
            EnrollmentStatus.TerminalRevoked => TerminalProblems.TerminalRevoked(),
            EnrollmentStatus.InvalidCsr => TerminalProblems.InvalidCsr(outcome.Reason!),
            EnrollmentStatus.AttestationRefused => TerminalProblems.AttestationRefused(outcome.Reason!),
            _ => TerminalProblems.EnrollmentRefused(),
        };
    }
}
