using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gpos.Terminals.Pki;

/// <summary>The issuing CA loaded from PEM files (certificate and PKCS#8 key), once, at first use.</summary>
internal sealed class FileIssuingCa : IIssuingCa, IDisposable
{
    private readonly ECDsa _key;

    public FileIssuingCa(IOptions<TerminalsOptions> options, IHostEnvironment environment)
    {
        var o = options.Value;
        var certificatePath = Path.GetFullPath(o.IssuingCaCertificatePath, environment.ContentRootPath);
        var keyPath = Path.GetFullPath(o.IssuingCaKeyPath, environment.ContentRootPath);
        Certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        _key = ECDsa.Create();
        _key.ImportFromPem(File.ReadAllText(keyPath));
        if (!Certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(_key.ExportSubjectPublicKeyInfo()))
        {
            throw new InvalidOperationException("The issuing CA key does not match its certificate.");
        }
    }

    public X509Certificate2 Certificate { get; }

    public X509SignatureGenerator CreateSignatureGenerator() => X509SignatureGenerator.CreateForECDsa(_key);

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
