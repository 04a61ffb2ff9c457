using System.Globalization;
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

    public static TheoryData<string, int, string> BadLegs() => new()
    {
        { "unbalanced", 2, "ARRAY['debit', 'credit'], ARRAY[100, 90]::bigint[], ARRAY['BRL', 'BRL']" },
        { "one leg", 1, "ARRAY['debit'], ARRAY[100]::bigint[], ARRAY['BRL']" },
        { "no legs", 0, "ARRAY[]::text[], ARRAY[]::bigint[], ARRAY[]::text[]" },
        { "zero amounts", 2, "ARRAY['debit', 'credit'], ARRAY[0, 0]::bigint[], ARRAY['BRL', 'BRL']" },
        { "negative amounts", 2, "ARRAY['debit', 'credit'], ARRAY[-5, -5]::bigint[], ARRAY['BRL', 'BRL']" },
        { "unknown side", 2, "ARRAY['debit', 'sideways'], ARRAY[100, 100]::bigint[], ARRAY['BRL', 'BRL']" },
        { "null amount", 2, "ARRAY['debit', 'credit'], ARRAY[100, NULL]::bigint[], ARRAY['BRL', 'BRL']" },
        { "arrays of other lengths", 3, "ARRAY['debit', 'credit', 'credit'], ARRAY[100, 100]::bigint[], ARRAY['BRL', 'BRL']" },
        { "balanced in one currency only", 4, "ARRAY['debit', 'credit', 'debit', 'credit'], ARRAY[100, 100, 5, 4]::bigint[], ARRAY['BRL', 'BRL', 'USD', 'USD']" },
        { "bad currency code", 2, "ARRAY['debit', 'credit'], ARRAY[100, 100]::bigint[], ARRAY['brl', 'brl']" },
    };

    [Fact]
    public async Task RawInsert_AsAppRole_RefusedTheFunctionsAreTheOnlyWayIn()
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.AppExecuteAsync($"""
            INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at,
                                                account_ids, directions, amounts, currencies)
            SELECT 'raw', 'app-direct', 'x', '', now(), now(), array_agg(a.id ORDER BY a.code DESC), ARRAY['debit', 'credit'],
                   ARRAY[100, 100]::bigint[], ARRAY['BRL', 'BRL']
            FROM ledger.accounts a WHERE a.code IN ('{receivable}', '{payable}')
            """));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(0, await fixture.Ledger.CountAsync("SELECT count(*) FROM ledger.journal_entries WHERE source_id = 'app-direct'"));
    }

    [Theory]
    [MemberData(nameof(BadLegs))]
    public async Task RawInsert_BadLegsAsOwner_RejectedByTheCheckConstraint(string why, int sides, string legs)
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();
        var sourceId = "owner-" + why.Replace(" ", "-", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.OwnerExecuteAsync($"""
            INSERT INTO ledger.journal_entries (source_module, source_id, event_kind, description, occurred_at, created_at,
                                                account_ids, directions, amounts, currencies)
            SELECT 'raw', '{sourceId}', 'x', '', now(), now(),
                   ARRAY(SELECT a.id FROM ledger.accounts a, generate_series(1, {sides}) WHERE a.code = '{receivable}'), {legs}
            """));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.StartsWith("journal_entries_", error.ConstraintName, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Ledger.CountAsync($"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{sourceId}'"));
    }

    [Theory]
    [MemberData(nameof(BadLegs))]
    public async Task PostEntryFunction_BadLegs_RefusedAndWritesNothing(string why, int sides, string legs)
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();
        var sourceId = "fn-" + why.Replace(" ", "-", StringComparison.Ordinal);
        // One real account code per side, so that only the legs are wrong.
        var codes = string.Join(", ", Enumerable.Range(0, sides).Select(i => $"'{(i % 2 == 0 ? receivable : payable)}'"));

        // What the function checks itself comes back as a status; the legs are the row CHECK's to refuse.
        string status;
        try
        {
            status = await fixture.Ledger.Database.AppScalarAsync<string>($"""
                SELECT status FROM ledger.post_entry('raw', '{sourceId}', 'x', '', now(), now(), ARRAY[{codes}]::text[], {legs})
                """);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.CheckViolation)
        {
            Assert.Equal("journal_entries_valid", error.ConstraintName);
            status = "check_violation";
        }

        Assert.True(status is "check_violation" or "malformed_postings" or "currency_mismatch", $"{why}: {status}");
        Assert.Equal(0, await fixture.Ledger.CountAsync($"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{sourceId}'"));
    }

    [Fact]
    public async Task PostEntryFunction_AccountInOtherCurrency_ReturnsCurrencyMismatch()
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();

        var status = await fixture.Ledger.Database.AppScalarAsync<string>($"""
            SELECT status || ' ' || detail FROM ledger.post_entry('raw', 'fn-usd', 'x', '', now(), now(),
                ARRAY['{receivable}', '{payable}'], ARRAY['debit', 'credit'], ARRAY[100, 100]::bigint[], ARRAY['USD', 'USD'])
            """);

        Assert.Equal($"currency_mismatch {receivable}", status);
        Assert.Equal(0, await fixture.Ledger.CountAsync("SELECT count(*) FROM ledger.journal_entries WHERE source_id = 'fn-usd'"));
    }

    [Theory]
    [InlineData("unknown second", "ARRAY['{0}', 'no:such:account']", "unknown_account no:such:account")]
    [InlineData("unknown first", "ARRAY['no:such:account', '{1}']", "unknown_account no:such:account")]
    [InlineData("accounts from index 0", "'[0:1]={{{0},{1}}}'::text[]", "malformed_postings accounts")]
    [InlineData("accounts two-dimensional", "ARRAY[ARRAY['{0}'], ARRAY['{1}']]", "malformed_postings accounts")]
    [InlineData("one account for two legs", "ARRAY['{0}']", "malformed_postings accounts")]
    public async Task PostEntryFunction_BadAccounts_ReturnsTypedStatusAndWritesNothing(string why, string accounts, string expected)
    {
        var (receivable, payable) = await fixture.Ledger.NewAccountPairAsync();
        var sourceId = "fn-accounts-" + why.Replace(" ", "-", StringComparison.Ordinal);

        var status = await fixture.Ledger.Database.AppScalarAsync<string>($"""
            SELECT status || ' ' || detail FROM ledger.post_entry('raw', '{sourceId}', 'x', '', now(), now(),
                {string.Format(CultureInfo.InvariantCulture, accounts, receivable, payable)},
                ARRAY['debit', 'credit'], ARRAY[100, 100]::bigint[], ARRAY['BRL', 'BRL'])
            """);

        Assert.Equal(expected, status);
        Assert.Equal(0, await fixture.Ledger.CountAsync($"SELECT count(*) FROM ledger.journal_entries WHERE source_id = '{sourceId}'"));
    }

    [Theory]
    [InlineData("INSERT INTO ledger.postings (entry_id, leg, account_id, direction, amount, currency) VALUES (1, 3, 1, 'debit', 50, 'BRL')")]
    [InlineData("UPDATE ledger.postings SET amount = amount + 1")]
    [InlineData("DELETE FROM ledger.sealed_entries")]
    [InlineData("INSERT INTO ledger.sealed_entries (entry_id, seal_seq, position, entry_sha256) VALUES (1, 1, 9, sha256('x'))")]
    public async Task DerivedViews_RefuseWrites(string sql)
    {
        var before = await fixture.Ledger.CountAsync("SELECT (coalesce(sum(amount), 0) + count(*))::bigint FROM ledger.postings");

        await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.OwnerExecuteAsync(sql));
        await Assert.ThrowsAsync<PostgresException>(() => fixture.Ledger.Database.AppExecuteAsync(sql));

        Assert.Equal(before, await fixture.Ledger.CountAsync("SELECT (coalesce(sum(amount), 0) + count(*))::bigint FROM ledger.postings"));
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
