using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Gpos.DevTools;

/// <summary>
/// The development PKI (issue 2 §4, design.md §2): a root CA, an issuing CA, a server certificate for localhost and
/// client certificates for one ops user, one merchant and one PSP, as PEM files, plus an ops bearer token.
/// Idempotent: an existing file is never overwritten; missing leaves are issued from the existing CA.
/// </summary>
public sealed class DevPki
{
    public const string OpsId = "ops-dev";
    public const string MerchantId = "merchant-dev";
    public const string PspId = "psp-sim";

    private DevPki(string directory) => Directory = directory;

    public string Directory { get; }

    public string RootCertificatePath => Path.Combine(Directory, "root-ca.crt");
    public string IssuingCertificatePath => Path.Combine(Directory, "issuing-ca.crt");
    public string IssuingKeyPath => Path.Combine(Directory, "issuing-ca.key");
    public string ServerCertificatePath => Path.Combine(Directory, "server.crt");
    public string ServerKeyPath => Path.Combine(Directory, "server.key");
    public string OpsTokenPath => Path.Combine(Directory, "ops-token.txt");

    public string ClientCertificatePath(string name) => Path.Combine(Directory, $"{name}.crt");
    public string ClientKeyPath(string name) => Path.Combine(Directory, $"{name}.key");

    /// <summary>The ops bearer token (a secret: printed by the run command, never committed).</summary>
    public string OpsToken => File.ReadAllText(OpsTokenPath).Trim();

    /// <summary>SHA-256 of the ops token, which is all the API is configured with.</summary>
    public string OpsTokenSha256 => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(OpsToken)));

    public X509Certificate2 LoadIssuingCa() => X509Certificate2.CreateFromPemFile(IssuingCertificatePath, IssuingKeyPath);

    public X509Certificate2 LoadRootCa() => X509Certificate2.CreateFromPem(File.ReadAllText(RootCertificatePath));

    /// <summary>A client certificate with its key, ready for an HttpClient or SslStream.</summary>
    public X509Certificate2 LoadClient(string name) =>
        X509Certificate2.CreateFromPemFile(ClientCertificatePath(name), ClientKeyPath(name));

    /// <summary>Creates whatever is missing in <paramref name="directory"/> and returns the PKI. Never overwrites.</summary>
    public static DevPki EnsureCreated(string directory, TimeProvider clock, Action<string>? log = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var pki = new DevPki(directory);
        var now = clock.GetUtcNow();
        var from = now.AddMinutes(-5);

        if (!File.Exists(pki.RootCertificatePath))
        {
            if (File.Exists(pki.IssuingCertificatePath))
            {
                throw new InvalidOperationException($"{pki.IssuingCertificatePath} exists without its root; refusing to overwrite a partial PKI.");
            }

            log?.Invoke($"Creating the development PKI in {directory}");
            using var root = CertificateFactory.CreateRootCa("GPOS Development Root CA", from, now.AddYears(10));
            using var issuing = CertificateFactory.CreateIssuingCa(root, "GPOS Development Issuing CA 1", from, now.AddYears(5));
            Write(pki.RootCertificatePath, root.ExportCertificatePem());
            Write(Path.Combine(directory, "root-ca.key"), root.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), secret: true);
            Write(pki.IssuingCertificatePath, issuing.ExportCertificatePem());
            Write(pki.IssuingKeyPath, issuing.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), secret: true);
        }

        using var ca = pki.LoadIssuingCa();
        if (!File.Exists(pki.ServerCertificatePath))
        {
            using var server = CertificateFactory.IssueServer(ca, "localhost", ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback],
                from, now.AddYears(1));
            WritePair(pki.ServerCertificatePath, pki.ServerKeyPath, server, ca);
        }

        foreach (var (name, urn) in new[]
                 {
                     ("ops", $"urn:gpos:ops:{OpsId}"),
                     ("merchant", $"urn:gpos:merchant:{MerchantId}"),
                     ("psp", $"urn:gpos:psp:{PspId}"),
                     // GPOS's own client certificate towards the PSP's API Pix (mTLS outbound).
                     ("gpos-psp-client", "urn:gpos:service:gpos-api"),
                 })
        {
            if (!File.Exists(pki.ClientCertificatePath(name)))
            {
                using var client = CertificateFactory.IssueClient(ca, $"GPOS dev {name}", [urn], from, now.AddYears(1));
                WritePair(pki.ClientCertificatePath(name), pki.ClientKeyPath(name), client, ca);
            }
        }

        if (!File.Exists(pki.OpsTokenPath))
        {
            Write(pki.OpsTokenPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), secret: true);
        }

        return pki;
    }

    private static void WritePair(string certificatePath, string keyPath, X509Certificate2 certificate, X509Certificate2 issuer)
    {
        // The certificate file holds the chain up to (not including) the root, as servers and curl expect.
        Write(certificatePath, certificate.ExportCertificatePem() + "\n" + issuer.ExportCertificatePem());
        Write(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), secret: true);
    }

    private static void Write(string path, string content, bool secret = false)
    {
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Write('\n');
        }

        if (secret && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
