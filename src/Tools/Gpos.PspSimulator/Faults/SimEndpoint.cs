namespace Gpos.PspSimulator.Faults;

/// <summary>
/// Endpoint metadata: the API Pix operation's name without the <c>/v2</c> prefix (<c>PUT /cob/{txid}</c>), used by call
/// counts and fault rules, and the route value that identifies the object (txid, e2eid or chave).
/// </summary>
internal sealed record SimEndpoint(string Name, string KeyRouteValue)
{
    public string? KeyOf(HttpContext context) => context.Request.RouteValues[KeyRouteValue] as string;

    /// <summary>Accepts <c>PUT /v2/cob/{txid}</c> as well as <c>PUT /cob/{txid}</c>.</summary>
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return trimmed;
        }

        var method = trimmed[..space].ToUpperInvariant();
        var path = trimmed[(space + 1)..].Trim();
        if (path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            path = path[3..];
        }

        return $"{method} {path}";
    }
}
