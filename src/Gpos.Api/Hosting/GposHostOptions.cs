using System.ComponentModel.DataAnnotations;

namespace Gpos.Api.Hosting;

/// <summary>Listeners, TLS material and ops access of the host (section <c>Gpos:Host</c>).</summary>
public sealed class GposHostOptions
{
    public const string Section = "Gpos:Host";

    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The mTLS port: every caller presents a certificate from the private CA.</summary>
    [Range(1, 65535)]
    public int MtlsPort { get; set; } = 7443;

    /// <summary>The bootstrap port: server-auth TLS only (enrollment, CA certificates, CRL, health, Swagger UI).</summary>
    [Range(1, 65535)]
    public int BootstrapPort { get; set; } = 7444;

    [Required]
    public string ServerCertificatePath { get; set; } = "";

    [Required]
    public string ServerKeyPath { get; set; } = "";

    // Paths are relative to the content root (src/Gpos.Api); defaults in appsettings.json point at certs/dev.
    // Arrays have no initialiser: the configuration binder appends to an initialised array instead of replacing it.

    /// <summary>Roots that client chains must end in (the private CA's root; two during a CA rotation).</summary>
    [MinLength(1)]
    public string[] TrustedRootPaths { get; set; } = [];

    /// <summary>Issuing (intermediate) CA certificates, sent in the server chain and used to build client chains.</summary>
    public string[] IntermediatePaths { get; set; } = [];

    /// <summary>Hex SHA-256 of the ops bearer token (the token itself is never configured or stored).</summary>
    [RegularExpression("^$|^[0-9a-fA-F]{64}$")]
    public string? OpsBearerTokenSha256 { get; set; }

    /// <summary>Largest request body accepted, in bytes (a deliberate Kestrel limit; larger bodies get 413).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
