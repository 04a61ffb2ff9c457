using Gpos.BuildingBlocks.Persistence;
using Gpos.Ledger.Persistence;
using Gpos.Ledger.Sealing;
using Gpos.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Gpos.Ledger.Tests;

/// <summary>
/// M0007 (one row per entry) on a ledger that already holds version 1 data: entries with their postings, a captured
/// hold, and a seal over some of them. Nothing may be lost or changed, and the old seal must still verify.
/// </summary>
public sealed class MigrationTests
{
    private const string LastVersion1Migration = "20261122000006_LighterJournalWrites";

    private const string LegsSql =
        "SELECT entry_id, leg, account_id, direction, amount, currency FROM ledger.postings ORDER BY entry_id, leg";

    [Fact]
    public async Task OneRowPerEntry_OnVersion1Data_CarriesEveryLegAndTheOldSealStillVerifies()
    {
        List<string> legsBefore = [];
        await using var db = await LedgerDatabase.CreateAsync(beforeMigrations: async database =>
        {
            await MigrateToAsync(database, LastVersion1Migration);
            await SeedVersion1Async(database);
            legsBefore = await ReadRowsAsync(database, LegsSql);
        });

        Assert.Equal(16, legsBefore.Count); // five two-leg entries, a four-leg one, a two-leg capture
        Assert.Equal(legsBefore, await ReadRowsAsync(db.Database, LegsSql));
        var verification = await db.Verifier.VerifyAsync(default);
        Assert.True(verification.Ok, verification.FirstBreak?.ToString());
        Assert.Equal(3, verification.EntriesChecked);
        Assert.Equal(4, verification.UnsealedEntries);

        // The migrated ledger keeps working: new entries get fresh ids, and the sealer picks up the old unsealed ones too.
        var (receivable, payable) = await db.NewAccountPairAsync();
        var posted = await db.PostAsync(LedgerDatabase.Entry(receivable, payable, 700));
        Assert.True(posted.EntryId > 7);
        Assert.Equal(5, (await db.Sealer.SealOnceAsync(default)).EntryCount);
        var after = await db.Verifier.VerifyAsync(default);
        Assert.True(after.Ok, after.FirstBreak?.ToString());
        Assert.Equal((8L, 0L), (after.EntriesChecked, after.UnsealedEntries));
        Assert.Equal(2_200, (await db.Queries.GetBalanceAsync("v1:payable", default))!.CreditsPosted);
    }

    private static async Task MigrateToAsync(TestDatabase database, string migration)
    {
        var options = new DbContextOptionsBuilder<LedgerDbContext>()
            .UseNpgsql(database.ConnectionStrings.Owner, npgsql => npgsql.MigrationsHistoryTable(ModuleDb.HistoryTable, LedgerDbContext.Schema))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        await using var context = new LedgerDbContext(options);
        await context.GetService<IMigrator>().MigrateAsync(migration);
    }

    /// <summary>Version 1 data written the version 1 way: posting functions as the application role, then a seal.</summary>
    private static async Task SeedVersion1Async(TestDatabase database)
    {
        await database.AppExecuteAsync("""
            INSERT INTO ledger.accounts (code, type, owner, currency, normal_side, created_at) VALUES
                ('v1:receivable', 'acquirer_receivable', NULL, 'BRL', 'debit', now()),
                ('v1:payable', 'merchant_payable', 'm-v1', 'BRL', 'credit', now()),
                ('v1:receivable:usd', 'acquirer_receivable', NULL, 'USD', 'debit', now()),
                ('v1:payable:usd', 'merchant_payable', 'm-v1', 'USD', 'credit', now());
            SELECT ledger.post_entry('tests', 'v1-' || n, 'settled', 'version 1 entry', now(), now(),
                ARRAY['v1:receivable', 'v1:payable'], ARRAY['debit', 'credit'], ARRAY[100 * n, 100 * n]::bigint[], ARRAY['BRL', 'BRL'])
            FROM generate_series(1, 5) n;
            SELECT ledger.post_entry('tests', 'v1-fx', 'settled', 'two currencies', now(), now(),
                ARRAY['v1:receivable', 'v1:payable', 'v1:receivable:usd', 'v1:payable:usd'],
                ARRAY['debit', 'credit', 'debit', 'credit'], ARRAY[500, 500, 90, 90]::bigint[], ARRAY['BRL', 'BRL', 'USD', 'USD']);
            SELECT ledger.place_hold('tests', 'v1-auth', 'authorized', 'authorization', 'v1:receivable', 'v1:payable',
                300, 'BRL', 'auth', now(), now());
            SELECT ledger.resolve_hold('tests', 'v1-auth', 'authorized', 'posted', 200, 'capture', now(), now());
            """);

        // Seal 1 covers entries 1..3, as the version 1 sealer wrote it: a seal row plus one sealed_entries row each.
        var records = new List<JournalRecord>();
        await using (var connection = new NpgsqlConnection(database.ConnectionStrings.Owner))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT e.id, e.source_module, e.source_id, e.event_kind, e.description, e.occurred_at, e.created_at,
                       p.leg, p.account_id, p.direction, p.amount, p.currency
                FROM ledger.journal_entries e JOIN ledger.postings p ON p.entry_id = e.id WHERE e.id <= 3 ORDER BY e.id, p.leg
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (records.Count == 0 || records[^1].Id != reader.GetInt64(0))
                {
                    records.Add(new JournalRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        reader.GetString(4), await reader.GetFieldValueAsync<DateTimeOffset>(5),
                        await reader.GetFieldValueAsync<DateTimeOffset>(6), []));
                }

                records[^1].Postings.Add(new PostingRecord(reader.GetInt16(7), reader.GetInt64(8), reader.GetString(9),
                    reader.GetInt64(10), reader.GetString(11)));
            }
        }

        var seal = SealDraft.Create(1, SealHash.Genesis(), records, "0", DateTimeOffset.UtcNow);
        var hashes = string.Join(", ", seal.EntryHashes.Select((h, i) => $"({records[i].Id}, 1, {i + 1}, '\\x{Convert.ToHexStringLower(h)}'::bytea)"));
        await database.OwnerExecuteAsync($"""
            INSERT INTO ledger.seals (seq, prev_seq, prev_hash, entries_sha256, hash, entry_count, first_entry_id, last_entry_id,
                                      xact_floor, sealed_at)
            VALUES (1, NULL, '\x{Convert.ToHexStringLower(seal.PreviousHash)}', '\x{Convert.ToHexStringLower(seal.EntriesSha256)}',
                    '\x{Convert.ToHexStringLower(seal.Hash)}', 3, 1, 3, '0', now());
            INSERT INTO ledger.sealed_entries (entry_id, seal_seq, position, entry_sha256) VALUES {hashes};
            INSERT INTO ledger.balance_projection (account_id, debits, credits, seal_seq)
            SELECT p.account_id, coalesce(sum(p.amount) FILTER (WHERE p.direction = 'debit'), 0),
                   coalesce(sum(p.amount) FILTER (WHERE p.direction = 'credit'), 0), 1
            FROM ledger.postings p WHERE p.entry_id <= 3 GROUP BY p.account_id;
            """);
    }

    private static async Task<List<string>> ReadRowsAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionStrings.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
