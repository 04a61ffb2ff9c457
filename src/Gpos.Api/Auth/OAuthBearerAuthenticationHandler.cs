using System.Security.Claims;
using System.Text.Encodings.Web;
using Gpos.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gpos.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer</c> with a GPOS access token (API Pix clients, RFC 6750). The token must be valid and bound to
/// the client certificate of this very connection (RFC 8705 §3: <c>cnf.x5t#S256</c>); a token replayed over another
/// certificate is refused. Failures answer 401, missing scopes 403, both problem+json with BACEN's <c>AcessoNegado</c>.
/// </summary>
internal sealed class OAuthBearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OAuthTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";
    private const string AcessoNegado = "https://pix.bcb.gov.br/api/v2/error/AcessoNegado";

    /// <summary>An access token is a JWS compact serialization: three dot-separated parts (ops bearer tokens are not).</summary>
    public static bool Presents(string? header) =>
        header is not null && header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && header.Count(c => c == '.') == 2;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (!Presents(header))
        {
            return AuthenticateResult.NoResult();
        }

        var (token, error) = await tokens.ReadAsync(header!.AsSpan(Prefix.Length).Trim().ToString());
        if (token is null)
        {
            return AuthenticateResult.Fail(error!);
        }

        var certificate = Context.Connection.ClientCertificate;
        var presented = certificate is null ? null : CertificateUris.Sha256Thumbprint(certificate);
        if (presented is null || presented != OAuthTokens.BoundThumbprint(token))
        {
            return AuthenticateResult.Fail("The access token is bound to another client certificate.");
        }

        var principal = new ClaimsPrincipal(OAuthTokens.Identity(token, presented));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, OAuthDefaults.SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message ?? "An access token is required.";
        Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{failure}\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Não autenticado.", failure);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "Acesso negado.",
            "O token de acesso não tem o escopo exigido por este endpoint, ou o chamador não tem acesso a ele.");
    }

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["type"] = AcessoNegado,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["correlationId"] = Context.TraceIdentifier,
        }, options: null, contentType: "application/problem+json", Context.RequestAborted);
    }
}
