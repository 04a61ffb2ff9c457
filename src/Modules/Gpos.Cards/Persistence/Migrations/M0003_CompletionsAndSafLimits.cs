using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Cards.Persistence.Migrations;

/// <summary>
/// Pre-authorization completions (0220 advice, iso8583.md §2: "completion later via 0220") with their own
/// store-and-forward queue, and the retry limit of both queues: after <c>SafMaxAttempts</c> counted attempts an item is
/// flagged for manual intervention (an append-only event) and no longer sent until ops re-queue it (another event).
/// PayEx IFSF H2H asks for manual intervention after 6 failed retries of a reversal advice.
/// </summary>
[DbContext(typeof(CardsDbContext))]
[Migration("20261122000003_CompletionsAndSafLimits")]
internal sealed class M0003_CompletionsAndSafLimits : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE cards.completions (
                completion_id uuid PRIMARY KEY,
                sale_id       uuid NOT NULL UNIQUE REFERENCES cards.authorizations,
                terminal_id   text NOT NULL,
                amount        bigint NOT NULL CHECK (amount > 0 AND amount <= 999999999999),
                completed_at  timestamptz NOT NULL
            );

            CREATE TABLE cards.completion_attempts (
                attempt_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                completion_id uuid NOT NULL REFERENCES cards.completions,
                attempt       integer NOT NULL,
                mti           text NOT NULL,
                stan          integer NOT NULL,
                outcome       text NOT NULL CHECK (outcome IN ('acknowledged', 'refused', 'timeout', 'connection-lost', 'not-sent')),
                response_code text,
                attempted_at  timestamptz NOT NULL
            );
            CREATE INDEX completion_attempts_by_completion ON cards.completion_attempts (completion_id);

            CREATE TABLE cards.completion_queue (
                completion_id   uuid PRIMARY KEY REFERENCES cards.completions,
                attempts        integer NOT NULL DEFAULT 0,
                strikes         integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                completed_at    timestamptz,
                flagged_at      timestamptz
            );
            CREATE INDEX completion_queue_due ON cards.completion_queue (next_attempt_at)
                WHERE completed_at IS NULL AND flagged_at IS NULL;

            -- strikes: attempts since the item was queued or last re-queued; flagged_at: set while it waits for ops.
            ALTER TABLE cards.saf_queue ADD COLUMN strikes integer NOT NULL DEFAULT 0;
            ALTER TABLE cards.saf_queue ADD COLUMN flagged_at timestamptz;

            CREATE TABLE cards.saf_interventions (
                event_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                item_kind   text NOT NULL CHECK (item_kind IN ('reversal', 'completion')),
                item_id     uuid NOT NULL,
                action      text NOT NULL CHECK (action IN ('flagged', 'requeued')),
                attempts    integer NOT NULL,
                detail      text NOT NULL,
                occurred_at timestamptz NOT NULL
            );
            CREATE INDEX saf_interventions_by_item ON cards.saf_interventions (item_id);
            """);
        migrationBuilder.MakeAppendOnly(CardsDbContext.Schema, "completions");
        migrationBuilder.MakeAppendOnly(CardsDbContext.Schema, "completion_attempts");
        migrationBuilder.MakeAppendOnly(CardsDbContext.Schema, "saf_interventions");
        migrationBuilder.AllowMutation(CardsDbContext.Schema, "completion_queue");
    }
}
