using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gpos.Terminals.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gpos.Terminals.Enrollment;

/// <summary>
/// Optional manufacturer attestation (design.md §2): a device certificate from a configured manufacturer CA whose
/// subject serialNumber (OID 2.5.4.5) is the terminal's serial. Required for terminals registered with
/// <c>attestationRequired</c>; checked whenever one is sent.
/// </summary>
internal sealed class AttestationVerifier
{
    private readonly X509Certificate2Collection _manufacturerRoots = [];
    private readonly TimeProvider _clock;

    public AttestationVerifier(IOptions<TerminalsOptions> options, IHostEnvironment environment, TimeProvider clock)
    {
        _clock = clock;
        foreach (var path in options.Value.ManufacturerCaPaths)
        {
            _manufacturerRoots.ImportFromPemFile(Path.GetFullPath(path, environment.ContentRootPath));
        }
    }

    /// <summary>Null when acceptable; otherwise why not.</summary>
    public string? Check(TerminalRecord terminal, string? attestationPem)
    {
        if (string.IsNullOrWhiteSpace(attestationPem))
        {
            return terminal.AttestationRequired ? "This terminal must present its manufacturer attestation certificate." : null;
        }

        if (_manufacturerRoots.Count == 0)
        {
            return "No manufacturer CA is configured to verify attestation certificates.";
        }

        X509Certificate2 device;
        try
        {
            device = X509Certificate2.CreateFromPem(attestationPem);
        }
        catch (CryptographicException)
        {
            return "The attestation certificate is not a PEM certificate.";
        }

        using (device)
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_manufacturerRoots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = _clock.GetUtcNow().UtcDateTime;
            if (!chain.Build(device))
            {
                return "The attestation certificate does not chain to a configured manufacturer CA.";
            }

            var serial = device.SubjectName.EnumerateRelativeDistinguishedNames()
                .Where(n => n.GetSingleElementType().Value == "2.5.4.5")
                .Select(n => n.GetSingleElementValue())
                .FirstOrDefault();
            return string.Equals(serial, terminal.SerialNumber, StringComparison.Ordinal)
                ? null
                : "The attestation certificate belongs to another device.";
        }
    }
}
