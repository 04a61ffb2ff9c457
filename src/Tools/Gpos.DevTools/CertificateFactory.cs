using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gpos.DevTools;

/// <summary>
/// Builds X.509 certificates with ECDSA P-256 keys on System.Security.Cryptography (no extra package): CAs, server and
/// client certificates for the development PKI, and any odd certificate a test needs (expired, wrong EKU, other CA).
/// </summary>
public static class CertificateFactory
{
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    public static X509Certificate2 CreateRootCa(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=GPOS Payments", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static X509Certificate2 CreateIssuingCa(X509Certificate2 root, string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=GPOS Payments", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        return Sign(request, root, notBefore, notAfter, key);
    }

    public static X509Certificate2 IssueServer(X509Certificate2 issuer, string commonName, IEnumerable<string> dnsNames,
        IEnumerable<IPAddress> addresses, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=GPOS Payments", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            san.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        AddLeafExtensions(request, issuer, [ServerAuthOid]);
        return Sign(request, issuer, notBefore, notAfter, key);
    }

    /// <summary>
    /// A client certificate whose URI SANs carry the GPOS identity (e.g. <c>urn:gpos:merchant:m1</c>). Pass other
    /// EKUs, dates or an issuer to build the certificates a test must see refused.
    /// </summary>
    public static X509Certificate2 IssueClient(X509Certificate2 issuer, string commonName, IEnumerable<string> uris,
        DateTimeOffset notBefore, DateTimeOffset notAfter, IReadOnlyList<string>? ekuOids = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=GPOS Payments", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var uri in uris)
        {
            san.AddUri(new Uri(uri));
        }

        request.CertificateExtensions.Add(san.Build());
        AddLeafExtensions(request, issuer, ekuOids ?? [ClientAuthOid]);
        return Sign(request, issuer, notBefore, notAfter, key);
    }

    /// <summary>A self-signed client certificate (not from any CA GPOS trusts).</summary>
    public static X509Certificate2 SelfSignedClient(string commonName, IEnumerable<string> uris, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var uri in uris)
        {
            san.AddUri(new Uri(uri));
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid(ClientAuthOid)], false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive INTEGER
        serial[0] |= 0x10; // no leading zero byte, so the hex form is always 32 digits
        return serial;
    }

    private static void AddLeafExtensions(CertificateRequest request, X509Certificate2 issuer, IReadOnlyList<string> ekuOids)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (ekuOids.Count > 0)
        {
            var oids = new OidCollection();
            foreach (var oid in ekuOids)
            {
                oids.Add(new Oid(oid));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
    }

    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 issuer, DateTimeOffset notBefore,
        DateTimeOffset notAfter, ECDsa key)
    {
        using var issuerKey = issuer.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The issuer has no ECDSA private key.");
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        // A child may not outlive its issuer.
        var end = notAfter > issuer.NotAfter ? new DateTimeOffset(issuer.NotAfter) : notAfter;
        using var certificate = request.Create(issuer.SubjectName, generator, notBefore, end, NewSerialNumber());
        return certificate.CopyWithPrivateKey(key);
    }
}
