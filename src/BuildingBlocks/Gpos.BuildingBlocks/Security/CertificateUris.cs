using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gpos.BuildingBlocks.Security;

/// <summary>
/// Reads the URI entries of a certificate's subjectAltName (RFC 5280 §4.2.1.6, GeneralName [6] IA5String). The BCL
/// enumerates DNS names and IP addresses only, so the URI form is read here with <see cref="AsnReader"/>.
/// </summary>
public static class CertificateUris
{
    private const string SubjectAltNameOid = "2.5.29.17";
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    public static IReadOnlyList<string> Read(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[SubjectAltNameOid];
        if (extension is null)
        {
            return [];
        }

        try
        {
            var uris = new List<string>(2);
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.HasSameClassAndValue(UriTag))
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }

            return uris;
        }
        catch (AsnContentException)
        {
            return [];
        }
        catch (CryptographicException)
        {
            return [];
        }
    }

    /// <summary>Base64url SHA-256 of the DER certificate: the RFC 8705 <c>x5t#S256</c> confirmation value.</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToBase64String(SHA256.HashData(certificate.RawDataMemory.Span))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
