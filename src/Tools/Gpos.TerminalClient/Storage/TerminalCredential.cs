using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gpos.TerminalClient.Storage;

/// <summary>The terminal's private key with its certificate and the chain to present in the mTLS handshake.</summary>
internal sealed class TerminalCredential : IDisposable
{
    private TerminalCredential(X509Certificate2 certificate, X509Certificate2Collection chain)
    {
        Certificate = certificate;
        Chain = chain;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2Collection Chain { get; }

    public string SerialNumber => Certificate.SerialNumber;

    public static TerminalCredential FromPem(string certificatePem, string chainPem, string privateKeyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        var withKey = certificate.CopyWithPrivateKey(key);
        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot use an ephemeral key for client authentication; a PKCS#12 round trip persists it in memory.
            using var ephemeral = withKey;
            withKey = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }

        var chain = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(chainPem))
        {
            chain.ImportFromPem(chainPem);
        }

        return new TerminalCredential(withKey, chain);
    }

    /// <summary>What the handshake sends: the leaf and the issuing CA, so the server need not know the intermediate.</summary>
    public SslStreamCertificateContext CreateContext() =>
        SslStreamCertificateContext.Create(Certificate, Chain, offline: true);

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var certificate in Chain)
        {
            certificate.Dispose();
        }
    }
}
