using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>
/// A journal entry at about a quarter less database work (issue 5; docs/performance.md, "Ledger"). What is checked does
/// not change; how often and how it is checked does:
/// <list type="bullet">
/// <item>The six CHECK constraints of a journal row become one, <c>journal_entries_valid</c>, calling one function.
/// PostgreSQL prepares every CHECK expression of a table anew for each INSERT statement, so for one-row inserts the
/// number of constraints costs more than evaluating them.</item>
/// <item><c>ledger.post_entry</c> no longer evaluates the legs before inserting (that CHECK evaluates them for the same
/// row anyway): a bad entry sent to it by raw SQL is refused with check_violation instead of a status. The C# API
/// refuses such an entry before calling, with a typed <see cref="Gpos.Ledger.Contracts.LedgerRejection"/>.</item>
/// <item>Each leg's account is one index lookup by code in a loop, instead of an aggregate over a join of the unnested
/// codes (a sort and two aggregates per entry).</item>
/// <item>The result is the function's OUT parameters (one row) instead of <c>RETURNS TABLE</c> with
/// <c>RETURN QUERY</c> (a tuplestore and one more statement per call).</item>
/// </list>
/// Measured with pgbench on this VM (32 clients, server CPU per transaction): raw single-row INSERT ~80 µs, the journal
/// INSERT with no CHECK ~89 µs, with the legs CHECK alone ~119 µs, with the six CHECKs ~145 µs, with the one CHECK
/// ~136 µs; post_entry as before ~280 µs, as here ~205 µs.
/// </summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261124000008_CheaperPostEntry")]
internal sealed class M0008_CheaperPostEntry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The result type changes (OUT parameters), so the function is dropped and created, in the migration's
        // transaction: no caller sees it missing. EXECUTE for the application role comes from the schema's default
        // privileges, as for the function it replaces.
        migrationBuilder.Sql(OneCheck);
        migrationBuilder.Sql("""
            DROP FUNCTION ledger.post_entry(text, text, text, text, timestamptz, timestamptz, text[], text[], bigint[], text[]);

            -- Runs as the owner (SECURITY DEFINER): the application role cannot insert entries itself, so this function
            -- is the one way in for it, and it checks what a CHECK cannot (accounts exist, in the leg's currency).
            CREATE FUNCTION ledger.post_entry(
                p_module text, p_source_id text, p_event_kind text, p_description text,
                p_occurred_at timestamptz, p_created_at timestamptz,
                p_accounts text[], p_directions text[], p_amounts bigint[], p_currencies text[],
                OUT status text, OUT entry_id bigint, OUT created boolean, OUT detail text)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
            DECLARE
                v_account_ids bigint[];
                v_account_id bigint;
                v_currency text;
            BEGIN
                created := false;
                -- The legs themselves (balanced, amounts, sides, currencies) are the CHECK constraint's to refuse, with
                -- check_violation on journal_entries_valid; the API has already refused such an entry before calling.
                -- What the loop below relies on is checked here: one account per leg, indexed from 1.
                IF array_ndims(p_accounts) IS DISTINCT FROM 1 OR array_lower(p_accounts, 1) <> 1
                   OR cardinality(p_accounts) IS DISTINCT FROM cardinality(p_amounts) THEN
                    status := 'malformed_postings';
                    detail := 'accounts';
                    RETURN;
                END IF;
                -- Each leg's account by code, in leg order; the first unknown or wrong-currency one is named.
                FOR i IN 1 .. cardinality(p_accounts) LOOP
                    SELECT a.id, a.currency INTO v_account_id, v_currency FROM ledger.accounts a WHERE a.code = p_accounts[i];
                    IF v_account_id IS NULL THEN
                        status := 'unknown_account'; detail := p_accounts[i]; RETURN;
                    END IF;
                    IF v_currency <> p_currencies[i] THEN
                        status := 'currency_mismatch'; detail := p_accounts[i]; RETURN;
                    END IF;
                    v_account_ids[i] := v_account_id;
                END LOOP;
                status := 'ok';
                -- A concurrent writer of the same source key makes this wait for its commit, then do nothing.
                INSERT INTO ledger.journal_entries AS e (source_module, source_id, event_kind, description, occurred_at,
                                                         created_at, account_ids, directions, amounts, currencies)
                VALUES (p_module, p_source_id, p_event_kind, p_description, p_occurred_at, p_created_at,
                        v_account_ids, p_directions, p_amounts, p_currencies)
                ON CONFLICT ON CONSTRAINT journal_entries_source_key DO NOTHING
                RETURNING e.id INTO entry_id;
                IF entry_id IS NOT NULL THEN
                    created := true;
                    RETURN;
                END IF;
                -- Idempotent replay: the first entry for this source key stands, whatever this call carried.
                SELECT e.id INTO entry_id FROM ledger.journal_entries e
                WHERE e.source_module = p_module AND e.source_id = p_source_id AND e.event_kind = p_event_kind;
            END
            $fn$;
            """);
    }

    // Same rules as before, stated by one function: the source key and description lengths of the column CHECKs, the
    // account list of journal_entries_accounts, and the legs of journal_entries_balanced (ledger.legs_problem).
    private const string OneCheck = """
        CREATE FUNCTION ledger.entry_problem(p_module text, p_source_id text, p_event_kind text, p_description text,
            p_account_ids bigint[], p_directions text[], p_amounts bigint[], p_currencies text[]) RETURNS text
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
        BEGIN
            IF length(p_module) NOT BETWEEN 1 AND 64 OR length(p_source_id) NOT BETWEEN 1 AND 200
               OR length(p_event_kind) NOT BETWEEN 1 AND 64 OR length(p_description) > 500 THEN
                RETURN 'malformed_source';
            END IF;
            IF array_ndims(p_account_ids) IS DISTINCT FROM 1 OR cardinality(p_account_ids) IS DISTINCT FROM cardinality(p_amounts)
               OR array_position(p_account_ids, NULL) IS NOT NULL THEN
                RETURN 'malformed_postings accounts';
            END IF;
            RETURN ledger.legs_problem(p_directions, p_amounts, p_currencies);
        END
        $fn$;

        ALTER TABLE ledger.journal_entries
            DROP CONSTRAINT journal_entries_source_module_check,
            DROP CONSTRAINT journal_entries_source_id_check,
            DROP CONSTRAINT journal_entries_event_kind_check,
            DROP CONSTRAINT journal_entries_description_check,
            DROP CONSTRAINT journal_entries_accounts,
            DROP CONSTRAINT journal_entries_balanced,
            ADD CONSTRAINT journal_entries_valid CHECK (ledger.entry_problem(
                source_module, source_id, event_kind, description, account_ids, directions, amounts, currencies) IS NULL);
        """;
}
