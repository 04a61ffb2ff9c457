using System.Security.Cryptography.X509Certificates;
using Gpos.DevTools;

namespace Gpos.Testing;

/// <summary>HttpClients that trust only the test PKI's root, as a terminal or merchant would.</summary>
public static class TestHttp
{
    public static HttpClient Create(Uri baseAddress, X509Certificate2? clientCertificate) =>
        new(DevTrust.CreateHandler(TestPki.Pki, clientCertificate)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
