using Npgsql;

namespace Gpos.Ledger.Sealing;

/// <summary>
/// Reads a journal entry row into a <see cref="JournalRecord"/>. Column layout from the given offset: id,
/// source_module, source_id, event_kind, description, occurred_at, created_at, account_ids, directions, amounts,
/// currencies (all null when an outer join found no entry). Leg n is element n of the arrays.
/// </summary>
internal static class JournalRecordReader
{
    public const string Columns = """
        e.id, e.source_module, e.source_id, e.event_kind, e.description, e.occurred_at, e.created_at,
        e.account_ids, e.directions, e.amounts, e.currencies
        """;

    /// <summary>The entry of the current row, or null when its columns are null.</summary>
    public static JournalRecord? Read(NpgsqlDataReader reader, int offset)
    {
        if (reader.IsDBNull(offset))
        {
            return null;
        }

        var accounts = reader.GetFieldValue<long[]>(offset + 7);
        var directions = reader.GetFieldValue<string[]>(offset + 8);
        var amounts = reader.GetFieldValue<long[]>(offset + 9);
        var currencies = reader.GetFieldValue<string[]>(offset + 10);
        var postings = new List<PostingRecord>(accounts.Length);
        for (var i = 0; i < accounts.Length; i++)
        {
            postings.Add(new PostingRecord((short)(i + 1), accounts[i], directions[i], amounts[i], currencies[i]));
        }

        return new JournalRecord(reader.GetInt64(offset), reader.GetString(offset + 1), reader.GetString(offset + 2),
            reader.GetString(offset + 3), reader.GetString(offset + 4), reader.GetFieldValue<DateTimeOffset>(offset + 5),
            reader.GetFieldValue<DateTimeOffset>(offset + 6), postings);
    }
}
