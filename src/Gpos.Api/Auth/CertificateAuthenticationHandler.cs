using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Gpos.BuildingBlocks.Identity;
using Gpos.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gpos.Api.Auth;

/// <summary>
/// Turns the client certificate into a GPOS caller. The chain, validity, EKU and revocation were already checked in
/// the TLS handshake (<see cref="Tls.ClientCertificateValidator"/>); only the mTLS listener asks for certificates, so
/// a certificate here has passed that check. This handler maps its URI SAN to claims, and checks revocation and expiry
/// again on every request: a keep-alive connection or a resumed TLS session outlives its handshake, and revocation
/// must cut a terminal off at once, not at its next full handshake.
/// </summary>
internal sealed class CertificateAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ICertificateRevocationList revocationList, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GposCertificate";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (revocationList.IsRevoked(certificate.SerialNumber))
        {
            return Task.FromResult(AuthenticateResult.Fail("The client certificate has been revoked."));
        }

        if (clock.GetUtcNow() > certificate.NotAfter.ToUniversalTime())
        {
            return Task.FromResult(AuthenticateResult.Fail("The client certificate has expired."));
        }

        if (!CallerIdentity.TryFromUris(CertificateUris.Read(certificate), out var caller))
        {
            return Task.FromResult(AuthenticateResult.Fail("The client certificate carries no single GPOS identity (urn:gpos:…)."));
        }

        var claims = caller.ToClaims().ToList();
        claims.Add(new Claim(GposClaimTypes.CertificateThumbprintSha256, CertificateUris.Sha256Thumbprint(certificate)));
        claims.Add(new Claim(GposClaimTypes.CertificateSerial, certificate.SerialNumber));
        claims.Add(new Claim(GposClaimTypes.CertificateNotBefore,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).ToString("O", CultureInfo.InvariantCulture)));
        claims.Add(new Claim(GposClaimTypes.CertificateNotAfter,
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToString("O", CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, GposClaimTypes.Kind));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
