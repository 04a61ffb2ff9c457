using Npgsql;

namespace Gpos.Ledger.Sealing;

/// <summary>
/// Groups rows of (entry columns…, posting columns…) ordered by entry then leg into <see cref="JournalRecord"/>s.
/// Column layout from the given offset: id, source_module, source_id, event_kind, description, occurred_at,
/// created_at, leg, account_id, direction, amount, currency (posting columns null when an entry has no postings).
/// </summary>
internal static class JournalRecordReader
{
    public const string Columns = """
        e.id, e.source_module, e.source_id, e.event_kind, e.description, e.occurred_at, e.created_at,
        p.leg, p.account_id, p.direction, p.amount, p.currency
        """;

    /// <summary>Reads the current row into <paramref name="current"/> (or a new record when the entry id changes).</summary>
    public static JournalRecord? Accumulate(NpgsqlDataReader reader, int offset, JournalRecord? current, out bool started)
    {
        started = false;
        if (reader.IsDBNull(offset))
        {
            return null;
        }

        var id = reader.GetInt64(offset);
        if (current is null || current.Id != id)
        {
            started = true;
            current = new JournalRecord(id, reader.GetString(offset + 1), reader.GetString(offset + 2),
                reader.GetString(offset + 3), reader.GetString(offset + 4), reader.GetFieldValue<DateTimeOffset>(offset + 5),
                reader.GetFieldValue<DateTimeOffset>(offset + 6), []);
        }

        if (!reader.IsDBNull(offset + 7))
        {
            current.Postings.Add(new PostingRecord(reader.GetInt16(offset + 7), reader.GetInt64(offset + 8),
                reader.GetString(offset + 9), reader.GetInt64(offset + 10), reader.GetString(offset + 11)));
        }

        return current;
    }
}
