using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Gpos.Api.Auth;

internal static class AuthSetup
{
    private const string SelectorScheme = "Gpos";

    /// <summary>
    /// One default scheme that picks the bearer handler when an Authorization header is present and the certificate
    /// handler otherwise; policies admit caller kinds. The fallback policy fails closed: an endpoint that forgets
    /// to name a policy still requires an authenticated caller.
    /// </summary>
    public static IServiceCollection AddGposAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Certificate or ops bearer", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0
                    ? OpsBearerAuthenticationHandler.SchemeName
                    : CertificateAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CertificateAuthenticationHandler>(CertificateAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, OpsBearerAuthenticationHandler>(OpsBearerAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(GposPolicies.Terminal, p => p.RequireClaim(GposClaimTypes.Kind, "terminal"))
            .AddPolicy(GposPolicies.Merchant, p => p.RequireClaim(GposClaimTypes.Kind, "merchant"))
            .AddPolicy(GposPolicies.MerchantOrTerminal, p => p.RequireClaim(GposClaimTypes.Kind, "merchant", "terminal"))
            .AddPolicy(GposPolicies.Psp, p => p.RequireClaim(GposClaimTypes.Kind, "psp"))
            .AddPolicy(GposPolicies.Ops, p => p.RequireClaim(GposClaimTypes.Kind, "ops"));
        foreach (var scope in PixScopes.All)
        {
            // API Pix scopes bind OAuth2 access tokens only; a caller authenticated by its certificate alone keeps its access.
            services.AddAuthorizationBuilder().AddPolicy(PixScopes.Policy(scope), p => p.RequireAssertion(context =>
                context.User.Identity?.AuthenticationType != OAuthDefaults.SchemeName || context.User.HasClaim(OAuthDefaults.ScopeClaim, scope)));
        }

        return services;
    }
}
