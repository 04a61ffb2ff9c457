using Gpos.Terminals.Pki;

namespace Gpos.Terminals.Enrollment;

/// <summary>What an enrollment attempt came to: an expected outcome, not an exception (conventions.md habit 8).</summary>
internal enum EnrollmentStatus
{
    Issued,
    Refused,
    Locked,
    Expired,
    AlreadyUsed,
    TerminalRevoked,
    InvalidCsr,
    AttestationRefused,
}

internal sealed record EnrollmentOutcome(EnrollmentStatus Status, CertificateResponse? Certificate = null, string? Reason = null)
{
    public static EnrollmentOutcome Fail(EnrollmentStatus status, string? reason = null) => new(status, null, reason);

    public static string Describe(CsrRejection rejection) => rejection switch
    {
        CsrRejection.BadSignature => "its signature does not verify with its own key (no proof of possession)",
        CsrRejection.UnsupportedAlgorithm => "the key algorithm is not ECDSA or RSA",
        CsrRejection.WeakKey => "the key is too weak (ECDSA P-256/P-384 or RSA >= 2048 required)",
        _ => "it is not a PEM PKCS#10 request",
    };
}
