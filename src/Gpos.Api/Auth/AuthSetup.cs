using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Gpos.Api.Auth;

internal static class AuthSetup
{
    private const string SelectorScheme = "Gpos";

    /// <summary>
    /// One default scheme that picks the OAuth2 access-token handler for a JWT bearer, the ops bearer handler for another
    /// bearer, and the certificate handler otherwise; policies admit caller kinds, and the <c>scope:*</c> policies bind
    /// access tokens to the API Pix scopes. The fallback policy fails closed: an endpoint that forgets
    /// to name a policy still requires an authenticated caller.
    /// </summary>
    public static IServiceCollection AddGposAuthentication(this IServiceCollection services)
    {
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OAuthTokens>();
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Certificate, OAuth2 access token or ops bearer", o => o.ForwardDefaultSelector = context =>
            {
                string? header = context.Request.Headers.Authorization;
                if (OAuthBearerAuthenticationHandler.Presents(header))
                {
                    return OAuthDefaults.SchemeName;
                }

                return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? OpsBearerAuthenticationHandler.SchemeName
                    : CertificateAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, CertificateAuthenticationHandler>(CertificateAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, OpsBearerAuthenticationHandler>(OpsBearerAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, OAuthBearerAuthenticationHandler>(OAuthDefaults.SchemeName, null);

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
