using Gpos.BuildingBlocks.Persistence;
using Npgsql;

namespace Gpos.Ledger.Tests;

/// <summary>The invariants hold for writers that bypass the C# API: raw SQL as the application role, and the owner.</summary>
public sealed class DatabaseEnforcementTests(EnforcementDatabase fixture) : IClassFixture<EnforcementDatabase>
{
    public static TheoryData<string, string> Mutations()
    {
        var data = new TheoryData<string, string>();
        foreach (var table in EnforcementDatabase.AppendOnlyTables)
        {
            data.Add(table, $"UPDATE ledger.{table} SET {EnforcementDatabase.AnyColumn(table)} = {EnforcementDatabase.AnyColumn(table)}");
            data.Add(table, $"DELETE FROM ledger.{table}");
            data.Add(table, $"TRUNCATE ledger.{table} CASCADE");
        }

        return data;
    }

    [Fact]
    public async Task RawInsert_UnbalancedEntryAsAppRole_RejectedAtCommit()
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.AppExecuteAsync($"""
            BEGIN;
            WITH e AS (INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at)
                       VALUES ('raw', 'unbalanced', 'x', '', now(), now()) RETURNING id)
            INSERT INTO ledger.postings (entry_id, leg, account_id, direction, amount, currency)
            SELECT e.id, v.leg, a.id, v.direction, v.amount, 'BRL' FROM e,
                (VALUES (1, '{receivable}', 'debit', 100), (2, '{payable}', 'credit', 90)) v(leg, code, direction, amount)
                JOIN ledger.accounts a ON a.code = v.code;
            COMMIT;
            """));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal("journal_entries_balanced", error.ConstraintName);
        Assert.Equal(0, await fixture.Ledger.CountAsync("SELECT count(*) FROM ledger.journal_entries WHERE source_module = 'raw'"));
    }

    [Fact]
    public async Task RawInsert_EntryWithoutPostings_RejectedAtCommit()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.AppExecuteAsync("""
            INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at)
            VALUES ('raw', 'empty', 'x', '', now(), now());
            """));

        Assert.Equal("journal_entries_balanced", error.ConstraintName);
    }

    [Fact]
    public async Task RawInsert_PostingIntoCommittedEntry_Rejected()
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();
        var posted = await fixture.Ledger.PostAsync(LedgerDatabase.Entry(receivable, payable, 100));

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.AppExecuteAsync($"""
            INSERT INTO ledger.postings (entry_id, leg, account_id, direction, amount, currency)
            SELECT {posted.EntryId}, 3, id, 'debit', 50, 'BRL' FROM ledger.accounts WHERE code = '{receivable}'
            """));

        Assert.Equal("postings_entry_open", error.ConstraintName);
    }

    [Fact]
    public async Task RawInsert_PostingInOtherCurrencyThanAccount_Rejected()
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.AppExecuteAsync($"""
            WITH e AS (INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at)
                       VALUES ('raw', 'usd', 'x', '', now(), now()) RETURNING id)
            INSERT INTO ledger.postings (entry_id, leg, account_id, direction, amount, currency)
            SELECT e.id, v.leg, a.id, v.direction, 100, 'USD' FROM e,
                (VALUES (1, '{receivable}', 'debit'), (2, '{payable}', 'credit')) v(leg, code, direction)
                JOIN ledger.accounts a ON a.code = v.code;
            """));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task PostEntryFunction_CalledDirectlyUnbalanced_ReturnsStatusAndWritesNothing()
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();

        var status = await fixture.Ledger.Database.AppScalarAsync<string>($"""
            SELECT status FROM ledger.post_entry('raw', 'fn-unbalanced', 'x', '', now(), now(),
                ARRAY['{receivable}', '{payable}'], ARRAY['debit', 'credit'], ARRAY[100, 1]::bigint[], ARRAY['BRL', 'BRL'])
            """);

        Assert.Equal("unbalanced", status);
        Assert.Equal(0, await fixture.Ledger.CountAsync("SELECT count(*) FROM ledger.journal_entries WHERE source_id = 'fn-unbalanced'"));
    }

    [Fact]
    public async Task InsertEntry_AsAppRoleWithChosenXactId_Refused()
    {
        // The sealer trusts xact_id to tell which writers have finished; a writer must not be able to choose it.
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.AppExecuteAsync("""
            INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at, xact_id)
            VALUES ('forge', 'forged-xact', 'x', '', now(), now(), '1'::xid8)
            """));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(0, await fixture.Ledger.CountAsync("SELECT count(*) FROM ledger.journal_entries WHERE source_id = 'forged-xact'"));
    }

    [Fact]
    public async Task PostEntry_AsAppRole_StampsItsOwnTransactionId()
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();
        await fixture.Ledger.Database.AppExecuteAsync($"""
            SELECT ledger.post_entry('stamp', 'own-xact', 'x', '', now(), now(),
                ARRAY['{receivable}', '{payable}'], ARRAY['debit', 'credit'], ARRAY[100, 100]::bigint[], ARRAY['BRL', 'BRL'])
            """);

        // xid8 is the 32-bit xmin of the writing transaction widened with its epoch.
        var stamped = await fixture.Ledger.Database.AppScalarAsync<bool>("""
            SELECT (e.xact_id::text::numeric % 4294967296) = e.xmin::text::numeric
            FROM ledger.journal_entries e WHERE e.source_module = 'stamp' AND e.source_id = 'own-xact'
            """);

        Assert.True(stamped);
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Mutation_AsAppRole_Refused(string table, string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.AppExecuteAsync(sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.True(await fixture.RowCountAsync(table) > 0);
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Mutation_AsOwnerRole_RefusedByTrigger(string table, string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.OwnerExecuteAsync(sql));

        Assert.Equal(AppendOnly.ViolationSqlState, error.SqlState);
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.True(await fixture.RowCountAsync(table) > 0);
    }

    [Fact]
    public async Task MakeAppendOnly_OnAnotherModulesTable_RejectsOwnerButAllowsInsert()
    {
        var database = fixture.Ledger.Database;
        await database.AdminExecuteAsync($"CREATE SCHEMA IF NOT EXISTS othermod AUTHORIZATION {DatabaseRoles.Owner}");
        await database.OwnerExecuteAsync($"""
            CREATE TABLE othermod.payments (id bigint PRIMARY KEY, amount bigint NOT NULL);
            {AppendOnly.Sql("othermod", "payments")}
            INSERT INTO othermod.payments VALUES (1, 100);
            """);

        var update = await Assert.ThrowsAsync<PostgresException>(() => database.OwnerExecuteAsync("UPDATE othermod.payments SET amount = 1"));
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => database.OwnerExecuteAsync("TRUNCATE othermod.payments"));

        Assert.Equal(AppendOnly.ViolationSqlState, update.SqlState);
        Assert.Equal(AppendOnly.ViolationSqlState, truncate.SqlState);
        Assert.Equal(100, await database.AdminScalarAsync<long>("SELECT amount FROM othermod.payments WHERE id = 1"));
    }

    [Fact]
    public void MakeAppendOnly_NameWithSqlInIt_Throws() =>
        Assert.Throws<ArgumentException>(() => AppendOnly.Sql("ledger", "x; DROP TABLE y"));
}
