namespace Gpos.TerminalClient;

/// <summary>The caller as GPOS sees it (<c>GET /v1/me</c>), read from the certificate the terminal presented.</summary>
/// <param name="Kind">The caller kind (<c>terminal</c>).</param>
/// <param name="Id">The terminal id.</param>
/// <param name="Urn">The identity URI, <c>urn:gpos:terminal:{id}</c>.</param>
/// <param name="MerchantId">The merchant the terminal belongs to.</param>
/// <param name="CertificateSerial">Serial of the certificate that authenticated the call.</param>
/// <param name="CertificateNotAfter">Expiry of that certificate.</param>
public sealed record TerminalCaller(string Kind, string Id, string Urn, string? MerchantId, string? CertificateSerial,
    DateTimeOffset? CertificateNotAfter);
