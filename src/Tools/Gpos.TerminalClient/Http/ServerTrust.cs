using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gpos.TerminalClient.Http;

/// <summary>
/// Validates GPOS's server certificate against the terminal's private root only (custom root trust, never the operating
/// system's store, design.md §2), with the issuing CA the server sends in the handshake as the intermediate.
/// </summary>
internal sealed class ServerTrust(X509Certificate2 root, TimeProvider timeProvider)
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    public bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        // Name mismatch and a missing certificate are fatal whatever the chain; chain errors are re-judged below.
        if (certificate is not X509Certificate2 leaf
            || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(root);
        if (presented is not null)
        {
            // What the server sent in the handshake (the issuing CA): candidates only, trusted if they chain to the root.
            policy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements)
            {
                policy.ExtraStore.Add(element.Certificate);
            }
        }

        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationTime = timeProvider.GetUtcNow().UtcDateTime;
        policy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ServerAuthOid));
        return chain.Build(leaf);
    }
}
