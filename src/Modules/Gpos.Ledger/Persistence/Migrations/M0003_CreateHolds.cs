using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>
/// Two-phase amounts (design.md §6: card authorizations pending until confirmed, cautelar blocks): a hold reserves an
/// amount from a debit account to a credit account; a resolution row later posts (captures, at most the held amount)
/// or voids it. Resolutions are appended, never updated: UNIQUE (hold_id) makes "at most once" a database fact, and
/// the (hold_id, held_amount) foreign key plus CHECK makes "never more than held" one too.
/// </summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261122000003_CreateHolds")]
internal sealed class M0003_CreateHolds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE ledger.holds (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                source_module     text NOT NULL CHECK (length(source_module) BETWEEN 1 AND 64),
                source_id         text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
                event_kind        text NOT NULL CHECK (length(event_kind) BETWEEN 1 AND 64),
                kind              text NOT NULL CHECK (kind IN ('authorization', 'cautelar_block')),
                debit_account_id  bigint NOT NULL,
                credit_account_id bigint NOT NULL CHECK (credit_account_id <> debit_account_id),
                amount            bigint NOT NULL CHECK (amount > 0),
                currency          text NOT NULL,
                description       text NOT NULL CHECK (length(description) <= 500),
                occurred_at       timestamptz NOT NULL,
                created_at        timestamptz NOT NULL,
                CONSTRAINT holds_source_key UNIQUE (source_module, source_id, event_kind),
                UNIQUE (id, amount),
                FOREIGN KEY (debit_account_id, currency) REFERENCES ledger.accounts (id, currency),
                FOREIGN KEY (credit_account_id, currency) REFERENCES ledger.accounts (id, currency)
            );
            CREATE INDEX holds_debit_account ON ledger.holds (debit_account_id);
            CREATE INDEX holds_credit_account ON ledger.holds (credit_account_id);

            CREATE TABLE ledger.hold_resolutions (
                hold_id     bigint NOT NULL PRIMARY KEY,
                outcome     text NOT NULL CHECK (outcome IN ('posted', 'voided')),
                amount      bigint NOT NULL,
                held_amount bigint NOT NULL,
                entry_id    bigint NULL REFERENCES ledger.journal_entries (id),
                created_at  timestamptz NOT NULL,
                FOREIGN KEY (hold_id, held_amount) REFERENCES ledger.holds (id, amount),
                CONSTRAINT hold_resolutions_within_hold CHECK (
                    (outcome = 'posted' AND amount > 0 AND amount <= held_amount AND entry_id IS NOT NULL)
                    OR (outcome = 'voided' AND amount = 0 AND entry_id IS NULL))
            );
            """);
        migrationBuilder.MakeAppendOnly(LedgerDbContext.Schema, "holds");
        migrationBuilder.MakeAppendOnly(LedgerDbContext.Schema, "hold_resolutions");
    }
}
