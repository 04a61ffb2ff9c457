using System.Security.Cryptography.X509Certificates;

namespace Gpos.DevTools;

/// <summary>
/// HTTP handlers that trust only the development root (custom root trust, the issuing CA as chain material), as a
/// terminal or merchant configured with the GPOS CA would; optionally presenting a client certificate.
/// </summary>
public static class DevTrust
{
    public static SocketsHttpHandler CreateHandler(DevPki pki, X509Certificate2? clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var root = pki.LoadRootCa();
        var issuing = X509Certificate2.CreateFromPem(File.ReadAllText(pki.IssuingCertificatePath));
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 leaf && ChainsToRoot(leaf, root, issuing);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return handler;
    }

    /// <summary>Whether <paramref name="leaf"/> chains to <paramref name="root"/> (custom root trust, never the OS store)
    /// through <paramref name="issuing"/>; revocation is not checked.</summary>
    public static bool ChainsToRoot(X509Certificate2 leaf, X509Certificate2 root, X509Certificate2 issuing)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(issuing);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
