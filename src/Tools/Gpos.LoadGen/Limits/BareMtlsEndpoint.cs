using System.Net;
using System.Security.Cryptography.X509Certificates;
using Gpos.DevTools;
using Gpos.LoadGen.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Gpos.LoadGen.Limits;

/// <summary>
/// The limit of request handling: Kestrel in this process with the dev server certificate, requiring a client certificate
/// and validating it against the dev root (custom root trust, the issuing CA as intermediate), answering <c>ok</c> with no
/// other work.
/// </summary>
internal sealed class BareMtlsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareMtlsEndpoint(WebApplication app, int port)
    {
        _app = app;
        BaseAddress = new Uri($"https://localhost:{port}/");
        Port = port;
    }

    public Uri BaseAddress { get; }

    public int Port { get; }

    public static async Task<BareMtlsEndpoint> StartAsync(DevPki pki)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var root = pki.LoadRootCa();
        var issuing = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(pki.IssuingCertificatePath));
        var server = X509Certificate2.CreateFromPemFile(pki.ServerCertificatePath, pki.ServerKeyPath);
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = server,
            ServerCertificateChain = [issuing],
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = (certificate, _, _) => DevTrust.ChainsToRoot(certificate, root, issuing),
        })));
        var app = builder.Build();
        app.MapGet("/", () => Results.Text("ok"));
        await app.StartAsync();
        return new BareMtlsEndpoint(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
