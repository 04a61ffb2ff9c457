using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Gpos.Cards.CardData;

/// <summary>
/// Keyed hashes (HMAC-SHA256 with <see cref="CardsOptions.TokenKey"/>): the PAN token stored for lookups instead of the
/// PAN (PCI DSS 4.0.1 Req. 3.5.1 allows keyed hashes), and request fingerprints for idempotency, which must not be a
/// plain hash of a body that contains a PAN.
/// </summary>
internal sealed class PanProtector(IOptions<CardsOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.TokenKey);

    public byte[] Token(string pan) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(pan));

    public byte[] Fingerprint(string text) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text));
}
