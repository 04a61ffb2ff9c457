namespace Gpos.BuildingBlocks.Security;

/// <summary>
/// GPOS's own revocation list, consulted on every mTLS handshake (design.md §2). It is held in memory and refreshed
/// from the database by the Terminals module, so a lookup never does I/O on the handshake path.
/// </summary>
public interface ICertificateRevocationList
{
    /// <summary>True when the certificate with this serial number (upper-case hex, no separators) is revoked.</summary>
    bool IsRevoked(string serialNumberHex);
}
