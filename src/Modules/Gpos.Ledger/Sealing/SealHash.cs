using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Gpos.Ledger.Sealing;

/// <summary>
/// A seal's own hash: SHA-256 over tag, seq, the previous seal's hash, the digest of the covered entries' canonical
/// bytes, and the covered count. Each seal thereby commits to every entry sealed before it.
/// </summary>
internal static class SealHash
{
    /// <summary>The "previous hash" of seal 1.</summary>
    public static byte[] Genesis() => new byte[32];

    private static ReadOnlySpan<byte> Tag => "gpos-ledger-seal-v1"u8;

    public static byte[] Compute(long seq, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> entriesSha256, int entryCount)
    {
        Span<byte> buffer = stackalloc byte[19 + 8 + 32 + 32 + 4];
        Tag.CopyTo(buffer);
        BinaryPrimitives.WriteInt64BigEndian(buffer[19..], seq);
        previousHash.CopyTo(buffer[27..]);
        entriesSha256.CopyTo(buffer[59..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer[91..], entryCount);
        return SHA256.HashData(buffer);
    }
}
