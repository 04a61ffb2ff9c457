using System.Security.Cryptography.X509Certificates;

namespace Gpos.Terminals.Pki;

/// <summary>
/// The online issuing CA. Behind an interface so the key can live in a key store or HSM in production; the default
/// implementation loads a PEM key from a configured path (design.md §2: production keys never live in the repo).
/// </summary>
internal interface IIssuingCa
{
    X509Certificate2 Certificate { get; }

    X509SignatureGenerator CreateSignatureGenerator();
}
