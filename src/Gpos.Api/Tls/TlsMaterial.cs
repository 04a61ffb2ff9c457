using System.Security.Cryptography.X509Certificates;
using Gpos.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Gpos.Api.Tls;

/// <summary>The server certificate and the private CA's trust anchors, loaded once from PEM files at start.</summary>
internal sealed class TlsMaterial : IDisposable
{
    public TlsMaterial(IOptions<GposHostOptions> options, IHostEnvironment environment)
    {
        var o = options.Value;
        string Resolve(string path) => Path.GetFullPath(path, environment.ContentRootPath);
        ServerCertificate = X509Certificate2.CreateFromPemFile(Resolve(o.ServerCertificatePath), Resolve(o.ServerKeyPath));
        TrustedRoots = LoadAll(o.TrustedRootPaths.Select(Resolve));
        Intermediates = LoadAll(o.IntermediatePaths.Select(Resolve));
    }

    public X509Certificate2 ServerCertificate { get; }

    public X509Certificate2Collection TrustedRoots { get; }

    public X509Certificate2Collection Intermediates { get; }

    public void Dispose()
    {
        ServerCertificate.Dispose();
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
}
