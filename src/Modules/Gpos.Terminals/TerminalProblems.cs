using Gpos.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gpos.Terminals;

/// <summary>The Terminals module's problem+json answers, each with a stable type URI a client can switch on.</summary>
internal static class TerminalProblems
{
    private const string TypePrefix = "https://gpos.dev/problems/terminals/";

    // One answer for "unknown serial" and "wrong code", so the endpoint does not reveal which serials exist.
    public static ProblemHttpResult EnrollmentRefused() => Problem(StatusCodes.Status403Forbidden, "enrollment-refused",
        "Enrollment refused", "The serial number and activation code do not match an enrollable terminal.");

    public static ProblemHttpResult ActivationLocked() => Problem(StatusCodes.Status423Locked, "activation-locked",
        "Activation code locked", "Too many failed attempts: ask the merchant or ops for a new activation code.");

    public static ProblemHttpResult ActivationExpired() => Problem(StatusCodes.Status403Forbidden, "activation-code-expired",
        "Activation code expired", "The activation code has expired: ask for a new one.");

    public static ProblemHttpResult ActivationUsed() => Problem(StatusCodes.Status409Conflict, "activation-code-used",
        "Activation code already used", "An activation code enrolls a terminal once.");

    public static ProblemHttpResult TerminalRevoked() => Problem(StatusCodes.Status403Forbidden, "terminal-revoked",
        "Terminal revoked", "This terminal has been revoked and can no longer enroll or renew.");

    public static ProblemHttpResult InvalidCsr(string reason) => Problem(StatusCodes.Status400BadRequest, "invalid-csr",
        "Invalid certificate signing request", $"The CSR was refused: {reason}.");

    public static ProblemHttpResult AttestationRefused(string reason) => Problem(StatusCodes.Status403Forbidden, "attestation-refused",
        "Attestation refused", reason);

    public static ProblemHttpResult SerialTaken() => Problem(StatusCodes.Status409Conflict, "serial-number-registered",
        "Serial number already registered", "A terminal with this serial number is already registered.");

    public static ProblemHttpResult TerminalNotFound() => Problem(StatusCodes.Status404NotFound, "terminal-not-found",
        "Terminal not found", "No such terminal.");

    private static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        ProblemResults.Problem(status, title, detail, TypePrefix + code);
}
