using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Contracts;

namespace Gpos.Api.Auth;

/// <summary>
/// <c>POST /oauth/token</c> (RFC 6749 §4.4 client credentials; [SPEC] <c>securitySchemes.OAuth2</c>). The client
/// authenticates with its certificate on the mTLS port (RFC 8705 §2, <c>tls_client_auth</c>); the token is bound to that
/// certificate. Errors follow RFC 6749 §5.2 (<c>{"error": …}</c>).
/// </summary>
internal static class OAuthTokenEndpoint
{
    public static IEndpointRouteBuilder MapOAuthTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/oauth/token", IssueAsync).RequireAuthorization().DisableAntiforgery().WithTags("OAuth2")
            .WithName("OAuthToken").WithSummary("Client-credentials access token bound to the client certificate (API Pix clients).");
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(HttpContext context, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        var user = context.User;
        var thumbprint = user.FindFirst(GposClaimTypes.CertificateThumbprintSha256)?.Value;
        if (user.Identity?.AuthenticationType != CertificateAuthenticationHandler.SchemeName || thumbprint is null
            || user.GetCaller() is not { Kind: CallerKind.Merchant } caller)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "A merchant client certificate is the client authentication (tls_client_auth).");
        }

        // RFC 6749 §4.4.2: application/x-www-form-urlencoded only. HasFormContentType also admits multipart/form-data,
        // whose reader threw IOException on a malformed body (a 500; found by OpenApiFuzzTests).
        if (!context.Request.HasFormContentType
            || !context.Request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // The form reader refuses a NUL character or more keys or longer values than its limits allow: the
            // client's malformed request (RFC 6749 §5.2 invalid_request), not a server error (found by OpenApiFuzzTests).
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The form body is malformed.");
        }

        if (form["grant_type"] != "client_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only client_credentials is supported.");
        }

        string? clientId = form["client_id"];
        if (clientId is not null && clientId != caller.Id)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "client_id does not match the client certificate.");
        }

        string? requested = form["scope"];
        var scopes = requested is null
            ? PixScopes.All.ToList()
            : requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0 || scopes.Any(s => !PixScopes.All.Contains(s)))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_scope",
                "Scopes are a subset of: " + string.Join(' ', PixScopes.All) + ".");
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = tokens.Issue(caller, thumbprint, scopes),
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)tokens.Lifetime.TotalSeconds,
            ["scope"] = string.Join(' ', scopes),
        });
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
