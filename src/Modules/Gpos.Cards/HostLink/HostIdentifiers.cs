using System.Security.Cryptography;
using System.Text;

namespace Gpos.Cards.HostLink;

/// <summary>
/// DE41 (ans 8) and DE42 (ans 15) for GPOS ids that may be longer: short ids pass through, longer ones become a stable
/// hash-derived id. DE41 is part of the matching key, so it must be stable per terminal.
/// </summary>
internal static class HostIdentifiers
{
    public static string TerminalId(string terminalId) => Fit(terminalId, 8, 'T');

    public static string MerchantId(string merchantId) => Fit(merchantId, 15, 'M');

    private static string Fit(string id, int length, char prefix)
    {
        if (id.Length <= length && Ascii.IsValid(id))
        {
            return id;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        return prefix + Convert.ToHexString(hash)[..(length - 1)];
    }
}
