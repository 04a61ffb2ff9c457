using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Gpos.Api.Hosting;
using Gpos.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gpos.Api.Auth;

/// <summary>
/// Ops access without a client certificate (Swagger UI from a browser): <c>Authorization: Bearer &lt;token&gt;</c>,
/// where only the token's SHA-256 is configured, and the hashes are compared in constant time.
/// </summary>
internal sealed class OpsBearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<GposHostOptions> hostOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "OpsBearer";
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var configured = hostOptions.Value.OpsBearerTokenSha256;
        if (string.IsNullOrEmpty(configured))
        {
            return Task.FromResult(AuthenticateResult.Fail("Ops bearer tokens are not enabled."));
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header.AsSpan(Prefix.Length).Trim().ToString()));
        if (!CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(configured)))
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid bearer token."));
        }

        var caller = new CallerIdentity(CallerKind.Ops, "bearer", null);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(caller.ToClaims(), SchemeName, ClaimTypes.Name, GposClaimTypes.Kind));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
