using System.Security.Claims;

namespace Gpos.BuildingBlocks.Identity;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated GPOS caller, or null for an anonymous principal.</summary>
    public static CallerIdentity? GetCaller(this ClaimsPrincipal principal)
    {
        var kind = principal.FindFirstValue(GposClaimTypes.Kind);
        var id = principal.FindFirstValue(GposClaimTypes.Id);
        if (kind is null || id is null || !Enum.TryParse<CallerKind>(kind, ignoreCase: true, out var parsed))
        {
            return null;
        }

        return new CallerIdentity(parsed, id, principal.FindFirstValue(GposClaimTypes.Merchant));
    }

    /// <summary>The caller, for endpoints behind an authorization policy (which guarantees one).</summary>
    public static CallerIdentity RequireCaller(this ClaimsPrincipal principal) =>
        principal.GetCaller() ?? throw new InvalidOperationException("Endpoint reached without an authenticated GPOS caller.");

    /// <summary>
    /// The merchant every object lookup must be scoped to: the merchant itself, or the terminal's merchant.
    /// </summary>
    public static string RequireMerchantScope(this ClaimsPrincipal principal)
    {
        var caller = principal.RequireCaller();
        return caller.MerchantId ?? throw new InvalidOperationException($"A {caller.Kind} caller has no merchant scope.");
    }

    public static IEnumerable<Claim> ToClaims(this CallerIdentity identity)
    {
        yield return new Claim(GposClaimTypes.Kind, identity.Kind.ToString().ToLowerInvariant());
        yield return new Claim(GposClaimTypes.Id, identity.Id);
        yield return new Claim(ClaimTypes.NameIdentifier, identity.Urn);
        yield return new Claim(ClaimTypes.Name, identity.Urn);
        if (identity.MerchantId is not null)
        {
            yield return new Claim(GposClaimTypes.Merchant, identity.MerchantId);
        }
    }
}
