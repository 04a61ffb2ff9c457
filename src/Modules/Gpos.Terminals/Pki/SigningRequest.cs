using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gpos.Terminals.Pki;

/// <summary>Why a CSR was refused (problem detail <c>reason</c>).</summary>
internal enum CsrRejection
{
    None,
    Malformed,
    BadSignature,
    UnsupportedAlgorithm,
    WeakKey,
}

/// <summary>
/// A terminal's PKCS#10 request, checked: it parses, its signature verifies with its own key (proof of possession),
/// and the key is ECDSA P-256/P-384 or RSA ≥ 2048. The requested subject and extensions are ignored: GPOS decides the
/// identity (<c>urn:gpos:terminal:{id}</c>).
/// </summary>
internal static class SigningRequest
{
    private const int MaxPemLength = 8 * 1024;

    public static CsrRejection TryLoad(string? pem, out PublicKey? publicKey)
    {
        publicKey = null;
        if (string.IsNullOrWhiteSpace(pem) || pem.Length > MaxPemLength)
        {
            return CsrRejection.Malformed;
        }

        CertificateRequest request;
        try
        {
            // Parse first without the signature check, so a bad signature is told apart from garbage.
            request = CertificateRequest.LoadSigningRequestPem(pem.AsSpan(), HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.SkipSignatureValidation);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            return CsrRejection.Malformed;
        }

        try
        {
            _ = CertificateRequest.LoadSigningRequestPem(pem.AsSpan(), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (CryptographicException)
        {
            return CsrRejection.BadSignature;
        }

        var key = request.PublicKey;
        var rejection = CheckKey(key);
        if (rejection == CsrRejection.None)
        {
            publicKey = key;
        }

        return rejection;
    }

    private static CsrRejection CheckKey(PublicKey key)
    {
        switch (key.Oid.Value)
        {
            case "1.2.840.10045.2.1": // id-ecPublicKey
                using (var ec = key.GetECDsaPublicKey())
                {
                    var curve = ec?.ExportParameters(false).Curve;
                    return curve?.Oid.Value is "1.2.840.10045.3.1.7" or "1.3.132.0.34" ? CsrRejection.None : CsrRejection.WeakKey;
                }

            case "1.2.840.113549.1.1.1": // rsaEncryption
                using (var rsa = key.GetRSAPublicKey())
                {
                    return rsa is not null && rsa.KeySize >= 2048 ? CsrRejection.None : CsrRejection.WeakKey;
                }

            default:
                return CsrRejection.UnsupportedAlgorithm;
        }
    }
}
