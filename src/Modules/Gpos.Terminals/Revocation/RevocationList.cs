using System.Collections.Frozen;
using Gpos.BuildingBlocks.Security;

namespace Gpos.Terminals.Revocation;

/// <summary>
/// The in-memory deny-list the mTLS handshake consults. Replaced wholesale on each refresh (an immutable frozen set
/// behind a volatile reference), so handshakes never lock and never see a half-built list.
/// </summary>
internal sealed class RevocationList : ICertificateRevocationList
{
    private volatile FrozenSet<string> _revoked = FrozenSet<string>.Empty;

    public int Count => _revoked.Count;

    public bool IsRevoked(string serialNumberHex) => _revoked.Contains(serialNumberHex);

    public void Replace(IEnumerable<string> serialNumbers) =>
        _revoked = serialNumbers.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Adds one serial at once in this instance (others pick it up on their next refresh).</summary>
    public void Add(string serialNumber) =>
        _revoked = _revoked.Append(serialNumber).ToFrozenSet(StringComparer.Ordinal);
}
