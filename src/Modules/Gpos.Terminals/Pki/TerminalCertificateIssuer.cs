using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gpos.BuildingBlocks.Identity;
using Gpos.BuildingBlocks.Security;
using Microsoft.Extensions.Options;

namespace Gpos.Terminals.Pki;

/// <summary>A certificate GPOS just signed, with the chain a terminal needs.</summary>
internal sealed record IssuedCertificate(string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter,
    string ThumbprintSha256, string CertificatePem, string ChainPem);

/// <summary>
/// Signs a terminal's public key into a short-lived client certificate: subject and SANs chosen by GPOS
/// (<c>urn:gpos:terminal:{id}</c> and <c>urn:gpos:merchant:{id}</c>), clientAuth EKU, digitalSignature, not a CA.
/// </summary>
internal sealed class TerminalCertificateIssuer(IIssuingCa ca, IOptions<TerminalsOptions> options, TimeProvider clock)
{
    public string IssuerName => ca.Certificate.Subject;

    public IssuedCertificate Issue(string terminalId, string merchantId, PublicKey publicKey)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={terminalId}, O=GPOS Payments"), publicKey,
            HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(CallerIdentity.Format(CallerKind.Terminal, terminalId)));
        san.AddUri(new Uri(CallerIdentity.Format(CallerKind.Merchant, merchantId)));
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, true, false));

        // Backdated a minute for clock skew between terminal and server; never beyond the issuer's own validity.
        var now = clock.GetUtcNow();
        var notBefore = TruncateToSeconds(now.AddMinutes(-1));
        var notAfter = TruncateToSeconds(now + options.Value.CertificateLifetime);
        if (notAfter > ca.Certificate.NotAfter)
        {
            notAfter = new DateTimeOffset(ca.Certificate.NotAfter.ToUniversalTime());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10); // positive, no leading zero byte
        using var certificate = request.Create(ca.Certificate.SubjectName, ca.CreateSignatureGenerator(), notBefore, notAfter, serial);
        return new IssuedCertificate(certificate.SerialNumber, notBefore, notAfter, CertificateUris.Sha256Thumbprint(certificate),
            certificate.ExportCertificatePem(), ca.Certificate.ExportCertificatePem());
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
