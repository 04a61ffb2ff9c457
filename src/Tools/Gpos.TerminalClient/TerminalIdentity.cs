namespace Gpos.TerminalClient;

/// <summary>Who an enrolled terminal is, as recorded in its store, and the validity of its current certificate.</summary>
/// <param name="TerminalId">The id GPOS gave the terminal (its certificate carries <c>urn:gpos:terminal:{id}</c>).</param>
/// <param name="MerchantId">The merchant the terminal belongs to.</param>
/// <param name="SerialNumber">The device serial number the terminal enrolled with.</param>
/// <param name="CertificateSerialNumber">Serial number (hex) of the current client certificate.</param>
/// <param name="NotBefore">Start of the current certificate's validity.</param>
/// <param name="NotAfter">End of the current certificate's validity.</param>
/// <param name="ServerRenewAfter">When GPOS suggests renewing the current certificate (about two thirds of its lifetime).</param>
/// <param name="BootstrapBase">Base address of the bootstrap port (server TLS only: enrollment, CA certificates, CRL).</param>
/// <param name="MtlsBase">Base address of the mTLS port (everything else, with the terminal's certificate).</param>
/// <param name="EnrolledAt">When the terminal enrolled (its own clock).</param>
/// <param name="RenewedAt">When the current certificate replaced an earlier one; null before the first renewal.</param>
public sealed record TerminalIdentity(
    string TerminalId,
    string MerchantId,
    string SerialNumber,
    string CertificateSerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    DateTimeOffset ServerRenewAfter,
    Uri BootstrapBase,
    Uri MtlsBase,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? RenewedAt);
