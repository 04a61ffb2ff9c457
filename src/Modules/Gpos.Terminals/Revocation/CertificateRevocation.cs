namespace Gpos.Terminals.Revocation;

/// <summary>One revoked certificate, by serial number (upper-case hex). Appended, never changed.</summary>
internal sealed class CertificateRevocation
{
    public required string SerialNumber { get; init; }
    public required DateTimeOffset RevokedAt { get; init; }
    public required string Reason { get; init; }
    public required string RevokedBy { get; init; }
}
