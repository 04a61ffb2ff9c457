using System.Security.Cryptography.X509Certificates;

namespace Gpos.Testing;

/// <summary>HttpClients that trust only the test PKI's root, as a terminal or merchant would.</summary>
public static class TestHttp
{
    public static HttpClient Create(Uri baseAddress, X509Certificate2? clientCertificate)
    {
        var root = TestPki.Pki.LoadRootCa();
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        var issuing = X509Certificate2.CreateFromPem(File.ReadAllText(TestPki.Pki.IssuingCertificatePath));
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, presented, _) =>
        {
            if (certificate is not X509Certificate2 leaf)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.ExtraStore.Add(issuing);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(leaf);
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
