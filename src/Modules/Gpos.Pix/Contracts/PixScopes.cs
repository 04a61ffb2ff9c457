namespace Gpos.Pix.Contracts;

/// <summary>
/// API Pix OAuth scopes ([SPEC] <c>components/securitySchemes/OAuth2</c>). Each endpoint names the scope it needs through
/// the policy <c>scope:{name}</c> (registered by the host): a caller with an OAuth2 access token needs the scope, a caller
/// with only its client certificate (terminals, merchants) keeps its access.
/// </summary>
public static class PixScopes
{
    public const string CobRead = "cob.read";
    public const string CobWrite = "cob.write";
    public const string PixRead = "pix.read";
    public const string PixWrite = "pix.write";
    public const string WebhookRead = "webhook.read";
    public const string WebhookWrite = "webhook.write";

    public static IReadOnlyList<string> All { get; } = [CobRead, CobWrite, PixRead, PixWrite, WebhookRead, WebhookWrite];

    public static string Policy(string scope) => "scope:" + scope;
}
