using System.Security.Cryptography.X509Certificates;
using Gpos.TerminalClient.Storage;

namespace Gpos.TerminalClient.Http;

/// <summary>The socket handlers a terminal uses: server validated against the private root, optional client credential.</summary>
internal static class TerminalHttp
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static SocketsHttpHandler CreateHandler(ServerTrust trust, TerminalCredential? credential)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Terminals keep their TLS sessions alive (design.md §8), but not forever: a load balancer may move.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => trust.Validate(certificate, chain, errors);
        if (credential is not null)
        {
            handler.SslOptions.ClientCertificateContext = credential.CreateContext();
        }

        return handler;
    }

    public static X509Certificate2 LoadRoot(string pem) => X509Certificate2.CreateFromPem(pem);

    public static X509Certificate2Collection LoadChain(string? pem)
    {
        var collection = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(pem))
        {
            collection.ImportFromPem(pem);
        }

        return collection;
    }
}
