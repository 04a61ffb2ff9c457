using Gpos.Terminals.Pki;
using Gpos.Terminals.Registry;

namespace Gpos.Terminals.Enrollment;

/// <summary>Turns an issued certificate into its append-only log record and its API response.</summary>
internal static class CertificateLog
{
    public static IssuedCertificateRecord Record(string terminalId, IssuedCertificate issued, TerminalCertificateIssuer issuer,
        TimeProvider clock, string authorisedBy, Guid? activationCodeId = null) => new()
    {
        SerialNumber = issued.SerialNumber,
        TerminalId = terminalId,
        NotBefore = issued.NotBefore,
        NotAfter = issued.NotAfter,
        ThumbprintSha256 = issued.ThumbprintSha256,
        Issuer = issuer.IssuerName,
        IssuedAt = clock.GetUtcNow(),
        AuthorisedBy = authorisedBy,
        ActivationCodeId = activationCodeId,
    };

    public static CertificateResponse Response(TerminalRecord terminal, IssuedCertificate issued, TerminalsOptions options) =>
        new(terminal.TerminalId, terminal.MerchantId, issued.SerialNumber, issued.CertificatePem, issued.ChainPem,
            issued.NotBefore, issued.NotAfter, RenewAfter(issued.NotBefore, issued.NotAfter, options.RenewAfterFraction));

    public static DateTimeOffset RenewAfter(DateTimeOffset notBefore, DateTimeOffset notAfter, double fraction) =>
        notBefore + ((notAfter - notBefore) * fraction);
}
