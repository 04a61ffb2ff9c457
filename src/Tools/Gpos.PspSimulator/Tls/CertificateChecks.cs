using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gpos.PspSimulator.Tls;

/// <summary>
/// Chain checks against the configured roots only (custom root trust, never the OS store): the client side of the
/// mTLS handshake (callers of the API Pix and of the control API) and GPOS's server certificate for webhooks.
/// </summary>
internal sealed class CertificateChecks(TlsMaterial tls, TimeProvider clock)
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Kestrel's ClientCertificateValidation: false fails the handshake.</summary>
    public bool IsAcceptableClient(X509Certificate2 certificate) => Builds(certificate, ClientAuthOid);

    /// <summary>GPOS's webhook server certificate: must chain to a configured root and be valid for server auth.</summary>
    public bool IsAcceptableServer(X509Certificate2 certificate) => Builds(certificate, ServerAuthOid);

    private bool Builds(X509Certificate2 certificate, string eku)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(tls.TrustedRoots);
        policy.ExtraStore.AddRange(tls.Intermediates);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        policy.ApplicationPolicy.Add(new Oid(eku));
        return chain.Build(certificate);
    }
}
