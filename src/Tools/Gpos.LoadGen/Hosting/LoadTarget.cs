using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Gpos.DevTools;

namespace Gpos.LoadGen.Hosting;

/// <summary>
/// The system under load: GPOS's two ports, the PSP simulator, the PKI the system trusts (its root, the ops token, the
/// PSP's client certificate) and, for the raw-INSERT limit, a superuser connection to the same PostgreSQL.
/// </summary>
internal sealed record LoadTarget(Uri Mtls, Uri Bootstrap, Uri Psp, DevPki Pki, string? AdminConnectionString)
{
    /// <summary>The bootstrap port as ops (bearer token).</summary>
    public HttpClient OpsClient()
    {
        var client = Client(Bootstrap, null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Pki.OpsToken);
        return client;
    }

    /// <summary>A client trusting only the dev root and presenting <paramref name="certificate"/> (keep-alive pool).</summary>
    public HttpClient Client(Uri baseAddress, X509Certificate2? certificate) =>
        new(DevTrust.CreateHandler(Pki, certificate)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
