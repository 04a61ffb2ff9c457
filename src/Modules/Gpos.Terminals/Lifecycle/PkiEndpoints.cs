using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gpos.Terminals.Persistence;
using Gpos.Terminals.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gpos.Terminals.Lifecycle;

/// <summary>
/// What anyone may fetch from the bootstrap port: the CA chain terminals install, and the CRL signed by the issuing CA
/// (RFC 5280 §5), regenerated on each request from the revocation table so it is never stale.
/// </summary>
internal static class PkiEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var pki = endpoints.MapGroup("/v1/pki").AllowAnonymous().WithTags("PKI");
        pki.MapGet("/ca-certificates", CaCertificates).WithName("GetCaCertificates")
            .WithSummary("The issuing CA certificate (PEM) that signs terminal certificates.");
        pki.MapGet("/crl", CrlAsync).WithName("GetCrl")
            .WithSummary("The certificate revocation list (DER, application/pkix-crl), signed by the issuing CA.");
    }

    private static ContentHttpResult CaCertificates(IIssuingCa ca) =>
        TypedResults.Text(ca.Certificate.ExportCertificatePem() + "\n", "application/x-pem-file");

    private static async Task<FileContentHttpResult> CrlAsync(TerminalsDbContext db, IIssuingCa ca, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var revocations = await db.CertificateRevocations.AsNoTracking()
            .OrderBy(r => r.RevokedAt)
            .Select(r => new { r.SerialNumber, r.RevokedAt })
            .ToListAsync(cancellationToken);
        var builder = new CertificateRevocationListBuilder();
        foreach (var revocation in revocations)
        {
            if (!RevokeCertificate.RevokeCertificateEndpoint.IsWholeOctets(revocation.SerialNumber))
            {
                // Stored before serials had to be whole octets; the table is append-only, so the row stays. Such a
                // serial names no certificate GPOS issued: leaving it out keeps the CRL available to every terminal.
                loggers.CreateLogger("Gpos.Terminals.Crl").LogWarning("Revoked serial {SerialNumber} is not whole octets; left out of the CRL",
                    revocation.SerialNumber);
                continue;
            }

            builder.AddEntry(Convert.FromHexString(revocation.SerialNumber), revocation.RevokedAt);
        }

        var now = clock.GetUtcNow();
        var crl = builder.Build(ca.Certificate.SubjectName, ca.CreateSignatureGenerator(), new BigInteger(now.ToUnixTimeSeconds()),
            now.AddHours(24), HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, true, false), now);
        return TypedResults.File(crl, "application/pkix-crl", "gpos-issuing-ca.crl");
    }
}
