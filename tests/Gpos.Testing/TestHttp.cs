using System.Security.Cryptography.X509Certificates;
using Gpos.DevTools;

namespace Gpos.Testing;

/// <summary>HttpClients that trust only the test PKI's root, as a terminal or merchant would.</summary>
public static class TestHttp
{
    public static HttpClient Create(Uri baseAddress, X509Certificate2? clientCertificate) =>
        new(DevTrust.CreateHandler(TestPki.Pki, clientCertificate)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An ops staff client: the bootstrap port (no client certificate) with the test PKI's ops bearer token.</summary>
    public static HttpClient Ops(Uri bootstrapBase)
    {
        var client = Create(bootstrapBase, null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestPki.Pki.OpsToken);
        return client;
    }
}
