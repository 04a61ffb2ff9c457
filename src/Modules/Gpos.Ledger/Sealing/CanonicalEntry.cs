using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gpos.Ledger.Sealing;

/// <summary>
/// The canonical bytes of an entry that seals hash (version 1). Big-endian integers, strings as a 4-byte length and
/// UTF-8, timestamps as Unix microseconds (PostgreSQL's precision), postings in leg order. Any change to a stored
/// entry or posting column that matters for money (ids, source key, description, times, accounts, sides, amounts,
/// currencies) changes these bytes. Changing this layout needs a new version tag, or old seals stop verifying.
/// </summary>
internal static class CanonicalEntry
{
    private static ReadOnlySpan<byte> Tag => "gpos-ledger-entry-v1"u8;

    public static byte[] Bytes(JournalRecord entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(Tag);
        WriteInt64(buffer, entry.Id);
        WriteString(buffer, entry.Module);
        WriteString(buffer, entry.SourceId);
        WriteString(buffer, entry.EventKind);
        WriteString(buffer, entry.Description);
        WriteInt64(buffer, Micros(entry.OccurredAt));
        WriteInt64(buffer, Micros(entry.CreatedAt));
        WriteInt64(buffer, entry.Postings.Count);
        foreach (var posting in entry.Postings)
        {
            WriteInt64(buffer, posting.Leg);
            WriteInt64(buffer, posting.AccountId);
            WriteString(buffer, posting.Direction);
            WriteInt64(buffer, posting.Amount);
            WriteString(buffer, posting.Currency);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Sha256(byte[] canonical) => SHA256.HashData(canonical);

    private static long Micros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), length);
        buffer.Advance(4);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }
}
