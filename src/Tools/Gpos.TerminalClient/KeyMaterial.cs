using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gpos.TerminalClient;

/// <summary>
/// The terminal's keys: ECDSA P-256, generated on the device. Only the CSR (public key plus a signature that proves
/// possession) is ever sent; GPOS ignores the requested subject and writes its own identity into the certificate.
/// </summary>
internal static class KeyMaterial
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string CreateCsr(ECDsa key, string commonName)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(commonName);
        return new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
    }

    /// <summary>
    /// Checks what GPOS returned before anything is stored: the certificate is for this key, names the expected terminal,
    /// is a client-auth certificate and chains to the terminal's root through the returned chain. Null when acceptable.
    /// </summary>
    public static string? CheckIssued(string certificatePem, string chainPem, ECDsa key, string root, string? expectedTerminalId)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var issuedKey = certificate.GetECDsaPublicKey();
        if (issuedKey is null || !issuedKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            return "the certificate is not for the key this terminal generated";
        }

        if (expectedTerminalId is not null && !HasUri(certificate, $"urn:gpos:terminal:{expectedTerminalId}"))
        {
            return $"the certificate does not name terminal {expectedTerminalId}";
        }

        using var rootCertificate = X509Certificate2.CreateFromPem(root);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(rootCertificate);
        var intermediates = new X509Certificate2Collection();
        intermediates.ImportFromPem(chainPem);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // The terminal's clock may lag GPOS's by more than the server's one-minute backdating: judge trust, not time.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        var trusted = chain.Build(certificate);
        foreach (var element in intermediates)
        {
            element.Dispose();
        }

        return trusted ? null : "the certificate does not chain to the terminal's root CA for client authentication";
    }

    // X509SubjectAlternativeNameExtension enumerates DNS names and IP addresses only; URIs are GeneralName [6] (RFC 5280 §4.2.1.6).
    private static bool HasUri(X509Certificate2 certificate, string uri)
    {
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                if (names.PeekTag() != uriTag)
                {
                    names.ReadEncodedValue();
                }
                else if (string.Equals(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag), uri, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
