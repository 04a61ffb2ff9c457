namespace Gpos.Api.Auth;

/// <summary>Names shared by the OAuth2 token endpoint, the access-token handler and the scope policies.</summary>
internal static class OAuthDefaults
{
    public const string SchemeName = "GposOAuth";

    /// <summary>One claim per granted scope (RFC 8693 §4.2 names the claim <c>scope</c>).</summary>
    public const string ScopeClaim = "scope";
}
