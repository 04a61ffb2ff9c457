using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gpos.BuildingBlocks.Security;
using Prometheus;

namespace Gpos.Api.Tls;

/// <summary>
/// Validates every client certificate during the mTLS handshake (design.md §2): the chain must end in the private
/// CA's root (custom root trust, never the OS store), be valid now, carry the client-auth EKU explicitly, not be a
/// CA, and no certificate in it may be on GPOS's revocation list. Returning false fails the handshake.
/// </summary>
internal sealed class ClientCertificateValidator(
    TlsMaterial tls,
    ICertificateRevocationList revocationList,
    TimeProvider clock,
    ILogger<ClientCertificateValidator> logger)
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private static readonly Counter Rejections = Metrics.CreateCounter(
        "gpos_mtls_handshake_rejections_total", "Client certificates refused during the mTLS handshake.", "reason");

    public bool Validate(X509Certificate2 certificate, X509Chain? platformChain, SslPolicyErrors platformErrors)
    {
        var reason = Check(certificate);
        if (reason is null)
        {
            return true;
        }

        Rejections.WithLabels(reason).Inc();
        logger.LogWarning("mTLS handshake refused: {Reason} (subject {Subject}, serial {SerialNumber})",
            reason, certificate.Subject, certificate.SerialNumber);
        return false;
    }

    /// <summary>Null when the certificate is acceptable, else a short reason (also the metric label).</summary>
    internal string? Check(X509Certificate2 certificate)
    {
        if (!HasClientAuthEku(certificate))
        {
            return "not_client_auth";
        }

        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            return "is_ca";
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(tls.TrustedRoots);
        policy.ExtraStore.AddRange(tls.Intermediates);
        policy.RevocationMode = X509RevocationMode.NoCheck; // GPOS's own list below, not OCSP/CRL fetches
        policy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        policy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        if (!chain.Build(certificate))
        {
            var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (a, s) => a | s.Status);
            return (status & X509ChainStatusFlags.NotTimeValid) != 0 ? "not_time_valid"
                : (status & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0 ? "untrusted"
                : (status & X509ChainStatusFlags.NotValidForUsage) != 0 ? "not_client_auth"
                : "invalid_chain";
        }

        foreach (var element in chain.ChainElements)
        {
            if (revocationList.IsRevoked(element.Certificate.SerialNumber))
            {
                return "revoked";
            }
        }

        return null;
    }

    // RFC 5280 treats a missing EKU extension as "any purpose"; GPOS requires client-auth to be stated.
    private static bool HasClientAuthEku(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthOid));
}
