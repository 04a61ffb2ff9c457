using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>
/// Accounts, journal entries and postings (design.md §6). The database, not the C# API, guarantees that every entry
/// balances per currency (deferred constraint trigger, checked at commit), that postings join only an entry of the
/// same transaction, that a posting's currency is its account's, and that nothing is ever changed or removed.
/// </summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261122000002_CreateJournal")]
internal sealed class M0002_CreateJournal : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE ledger.accounts (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9._:-]{0,127}$'),
                type        text NOT NULL CHECK (type IN ('psp_settlement', 'acquirer_receivable', 'merchant_payable',
                                'merchant_blocked', 'refunds', 'fees', 'chargebacks', 'suspense')),
                owner       text NULL CHECK (owner IS NULL OR length(owner) BETWEEN 1 AND 128),
                currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
                normal_side text NOT NULL CHECK (normal_side IN ('debit', 'credit')),
                created_at  timestamptz NOT NULL,
                -- Target of the holds' (account_id, currency) foreign keys: a hold in another currency cannot exist.
                UNIQUE (id, currency)
            );

            CREATE TABLE ledger.journal_entries (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                source_module text NOT NULL CHECK (length(source_module) BETWEEN 1 AND 64),
                source_id     text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
                event_kind    text NOT NULL CHECK (length(event_kind) BETWEEN 1 AND 64),
                description   text NOT NULL CHECK (length(description) <= 500),
                occurred_at   timestamptz NOT NULL,
                created_at    timestamptz NOT NULL,
                -- Set by a trigger, never by the writer: the sealer relies on it to know which writers have finished.
                xact_id       xid8 NOT NULL DEFAULT pg_current_xact_id(),
                CONSTRAINT journal_entries_source_key UNIQUE (source_module, source_id, event_kind)
            );
            CREATE INDEX journal_entries_xact_id ON ledger.journal_entries (xact_id);

            CREATE TABLE ledger.postings (
                entry_id   bigint NOT NULL REFERENCES ledger.journal_entries (id),
                leg        smallint NOT NULL CHECK (leg >= 1),
                account_id bigint NOT NULL,
                direction  text NOT NULL CHECK (direction IN ('debit', 'credit')),
                amount     bigint NOT NULL CHECK (amount > 0),
                currency   text NOT NULL,
                PRIMARY KEY (entry_id, leg)
                -- No foreign key to accounts: a foreign key check takes FOR KEY SHARE on the account row, and every
                -- entry touching the PSP settlement account would then pile a multixact on one row. Accounts are
                -- append-only (no UPDATE/DELETE can make a reference dangle), so the trigger below checks existence
                -- and currency without a lock.
            );
            CREATE INDEX postings_account ON ledger.postings (account_id) INCLUDE (direction, amount);

            CREATE FUNCTION ledger.stamp_entry_xact() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                NEW.xact_id := pg_current_xact_id();
                RETURN NEW;
            END
            $fn$;
            CREATE TRIGGER journal_entries_stamp_xact BEFORE INSERT ON ledger.journal_entries
                FOR EACH ROW EXECUTE FUNCTION ledger.stamp_entry_xact();

            -- An entry is closed when its transaction commits: postings may only join an entry written by this
            -- transaction, and only to an existing account of the posting's currency. Checked once per statement over
            -- the inserted rows (a transition table), not once per row.
            CREATE FUNCTION ledger.assert_postings_valid() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE
                bad record;
            BEGIN
                SELECT n.entry_id, n.account_id, n.currency, e.id IS NULL AS closed INTO bad
                FROM new_postings n
                LEFT JOIN ledger.journal_entries e ON e.id = n.entry_id AND e.xact_id = pg_current_xact_id()
                LEFT JOIN ledger.accounts a ON a.id = n.account_id AND a.currency = n.currency
                WHERE e.id IS NULL OR a.id IS NULL
                LIMIT 1;
                IF NOT FOUND THEN
                    RETURN NULL;
                END IF;
                IF bad.closed THEN
                    RAISE EXCEPTION 'posting for entry % rejected: postings can only be added by the transaction that created the entry', bad.entry_id
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'postings_entry_open';
                END IF;
                RAISE EXCEPTION 'posting for entry % rejected: no account % in %', bad.entry_id, bad.account_id, bad.currency
                    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'postings_account_currency';
            END
            $fn$;
            CREATE TRIGGER postings_valid AFTER INSERT ON ledger.postings
                REFERENCING NEW TABLE AS new_postings
                FOR EACH STATEMENT EXECUTE FUNCTION ledger.assert_postings_valid();

            -- Checked at commit (deferred), once per entry: at least two legs, debits = credits in every currency.
            CREATE FUNCTION ledger.assert_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE
                legs integer;
                unbalanced text;
            BEGIN
                -- One pass: leg count, and the first currency whose debits and credits differ.
                SELECT coalesce(sum(c.n), 0)::integer, min(c.currency) FILTER (WHERE c.net <> 0) INTO legs, unbalanced
                FROM (SELECT p.currency, count(*) AS n,
                             sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) AS net
                      FROM ledger.postings p WHERE p.entry_id = NEW.id GROUP BY p.currency) c;
                IF legs < 2 THEN
                    RAISE EXCEPTION 'journal entry % has % posting(s); a balanced entry needs at least 2', NEW.id, legs
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_balanced';
                END IF;
                IF unbalanced IS NOT NULL THEN
                    RAISE EXCEPTION 'journal entry % does not balance in %', NEW.id, unbalanced
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_balanced';
                END IF;
                RETURN NULL;
            END
            $fn$;
            CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON ledger.journal_entries
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.assert_entry_balanced();
            """);
        migrationBuilder.MakeAppendOnly(LedgerDbContext.Schema, "accounts");
        migrationBuilder.MakeAppendOnly(LedgerDbContext.Schema, "journal_entries");
        migrationBuilder.MakeAppendOnly(LedgerDbContext.Schema, "postings");
    }
}
