namespace Gpos.Terminals.Registry;

/// <summary>A registered terminal (append-only row).</summary>
internal sealed class TerminalRecord
{
    public required string TerminalId { get; init; }
    public required string SerialNumber { get; init; }
    public required string Model { get; init; }
    public required string MerchantId { get; init; }
    public bool AttestationRequired { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
}

/// <summary>A one-time activation code; only its SHA-256 is stored.</summary>
internal sealed class ActivationCodeRecord
{
    public required Guid CodeId { get; init; }
    public required string TerminalId { get; init; }
    public required byte[] CodeSha256 { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required string IssuedBy { get; init; }
}

/// <summary>One enrollment attempt against a code (the brute-force counter is a count of failed rows).</summary>
internal sealed class ActivationAttemptRecord
{
    public long AttemptId { get; init; }
    public required Guid CodeId { get; init; }
    public required DateTimeOffset AttemptedAt { get; init; }
    public required bool Succeeded { get; init; }
    public required string Outcome { get; init; }
}

/// <summary>The issued-certificate log: every certificate GPOS signed for a terminal, and what authorised it.</summary>
internal sealed class IssuedCertificateRecord
{
    public required string SerialNumber { get; init; }
    public required string TerminalId { get; init; }
    public required DateTimeOffset NotBefore { get; init; }
    public required DateTimeOffset NotAfter { get; init; }
    public required string ThumbprintSha256 { get; init; }
    public required string Issuer { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required string AuthorisedBy { get; init; }
    public Guid? ActivationCodeId { get; init; }
}

/// <summary>A terminal cut off for good: it can neither enroll nor renew, and its certificates are revoked.</summary>
internal sealed class TerminalRevocationRecord
{
    public required string TerminalId { get; init; }
    public required DateTimeOffset RevokedAt { get; init; }
    public required string Reason { get; init; }
    public required string RevokedBy { get; init; }
}
