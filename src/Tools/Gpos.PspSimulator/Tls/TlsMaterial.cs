using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gpos.PspSimulator.Tls;

/// <summary>The certificates one simulator instance uses, loaded once at start.</summary>
internal sealed class TlsMaterial : IDisposable
{
    public TlsMaterial(PspSimulatorOptions options)
    {
        ServerCertificate = X509Certificate2.CreateFromPemFile(options.ServerCertificatePath, options.ServerKeyPath);
        WebhookClientCertificate = X509Certificate2.CreateFromPemFile(options.WebhookClientCertificatePath, options.WebhookClientKeyPath);
        TrustedRoots = LoadAll(options.TrustedRootPaths);
        Intermediates = LoadAll(options.IntermediatePaths);
        ServerChain = ChainOf(options.ServerCertificatePath, Intermediates);
        WebhookClientChain = ChainOf(options.WebhookClientCertificatePath, Intermediates);
        Intermediates.AddRange(ServerChain);
        Intermediates.AddRange(WebhookClientChain);
    }

    public X509Certificate2 ServerCertificate { get; }

    public X509Certificate2 WebhookClientCertificate { get; }

    public X509Certificate2Collection TrustedRoots { get; }

    /// <summary>Every CA certificate (not a root) known from the options and the certificate files' chains.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>What the server sends after its leaf.</summary>
    public X509Certificate2Collection ServerChain { get; }

    public X509Certificate2Collection WebhookClientChain { get; }

    /// <summary>The client side of a webhook: the PSP certificate with its chain, so GPOS can build the path.</summary>
    public SslStreamCertificateContext WebhookClientContext() =>
        SslStreamCertificateContext.Create(WebhookClientCertificate, WebhookClientChain, offline: true);

    public void Dispose()
    {
        ServerCertificate.Dispose();
        WebhookClientCertificate.Dispose();
        foreach (var certificate in TrustedRoots.Concat(Intermediates))
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2Collection LoadAll(IEnumerable<string> paths)
    {
        var collection = new X509Certificate2Collection();
        foreach (var path in paths)
        {
            collection.ImportFromPemFile(path);
        }

        return collection;
    }

    // A PEM file written by DevPki holds leaf + issuing CA; everything after the leaf is chain.
    private static X509Certificate2Collection ChainOf(string certificatePath, X509Certificate2Collection configured)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(certificatePath);
        var chain = new X509Certificate2Collection();
        foreach (var certificate in all.Skip(1))
        {
            chain.Add(certificate);
        }

        if (chain.Count == 0)
        {
            chain.AddRange(configured);
        }

        all[0].Dispose();
        return chain;
    }
}
