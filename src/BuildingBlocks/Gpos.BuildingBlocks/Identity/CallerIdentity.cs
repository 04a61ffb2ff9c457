using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Gpos.BuildingBlocks.Identity;

/// <summary>
/// Who is calling, taken from the client certificate's URI SANs (design.md §2): <c>urn:gpos:terminal:{id}</c>,
/// <c>urn:gpos:merchant:{id}</c>, <c>urn:gpos:psp:{id}</c> or <c>urn:gpos:ops:{name}</c>. A terminal certificate also
/// carries its merchant's URN, so every lookup a terminal makes is scoped to that merchant.
/// </summary>
public sealed partial record CallerIdentity(CallerKind Kind, string Id, string? MerchantId)
{
    public const string UrnPrefix = "urn:gpos:";

    /// <summary>The URN of this identity's primary subject.</summary>
    public string Urn => Format(Kind, Id);

    public static string Format(CallerKind kind, string id) =>
        $"{UrnPrefix}{kind.ToString().ToLowerInvariant()}:{id}";

    /// <summary>
    /// Reads an identity from a certificate's URI SANs. Exactly one primary subject (terminal, psp, ops or merchant)
    /// must be present; a terminal must also name its merchant. Anything else is not a GPOS identity.
    /// </summary>
    public static bool TryFromUris(IEnumerable<string> uris, [NotNullWhen(true)] out CallerIdentity? identity)
    {
        identity = null;
        string? merchant = null;
        (CallerKind Kind, string Id)? primary = null;
        foreach (var uri in uris)
        {
            var match = UrnPattern().Match(uri);
            if (!match.Success)
            {
                continue;
            }

            var kind = Enum.Parse<CallerKind>(match.Groups["kind"].Value, ignoreCase: true);
            var id = match.Groups["id"].Value;
            if (kind == CallerKind.Merchant)
            {
                if (merchant is not null && merchant != id)
                {
                    return false; // two merchants: ambiguous, refuse
                }

                merchant = id;
                continue;
            }

            if (primary is not null)
            {
                return false; // two primary subjects: ambiguous, refuse
            }

            primary = (kind, id);
        }

        if (primary is null)
        {
            identity = merchant is null ? null : new CallerIdentity(CallerKind.Merchant, merchant, merchant);
            return identity is not null;
        }

        if (primary.Value.Kind == CallerKind.Terminal && merchant is null)
        {
            return false;
        }

        identity = new CallerIdentity(primary.Value.Kind, primary.Value.Id,
            primary.Value.Kind == CallerKind.Terminal ? merchant : null);
        return true;
    }

    [GeneratedRegex("^urn:gpos:(?<kind>terminal|merchant|psp|ops):(?<id>[A-Za-z0-9][A-Za-z0-9._-]{0,63})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex UrnPattern();
}
