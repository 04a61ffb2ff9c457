namespace Gpos.TerminalClient.Http;

/// <summary>The Terminals module's problem type URIs (src/Modules/Gpos.Terminals/TerminalProblems.cs).</summary>
internal static class ProblemTypes
{
    public const string Prefix = "https://gpos.dev/problems/terminals/";
    public const string EnrollmentRefused = Prefix + "enrollment-refused";
    public const string ActivationLocked = Prefix + "activation-locked";
    public const string ActivationCodeExpired = Prefix + "activation-code-expired";
    public const string ActivationCodeUsed = Prefix + "activation-code-used";
    public const string TerminalRevoked = Prefix + "terminal-revoked";
    public const string InvalidCsr = Prefix + "invalid-csr";
    public const string AttestationRefused = Prefix + "attestation-refused";
}
