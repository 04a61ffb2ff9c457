using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Pix.Persistence.Migrations;

/// <summary>
/// After payment (issue 8, design.md §3 "the final state is not always final"): the received Pix lifecycle as appended
/// transition events, and refunds (devolução) as a request plus appended status events. State is always derived from
/// the latest rows; unique keys make duplicate and out-of-order PSP notifications converge.
/// </summary>
[DbContext(typeof(PixDbContext))]
[Migration("20261122000003_CreateLifecycleAndRefunds")]
internal sealed class M0003_CreateLifecycleAndRefunds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            -- One row per lifecycle event of a received Pix, allowed or refused. event_key dedupes redeliveries
            -- ('settled', 'blocked', 'released', 'return:{devolucaoId}'); a refused event keeps to_state NULL.
            CREATE TABLE pix.pix_events (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                end_to_end_id text NOT NULL REFERENCES pix.received_pix (end_to_end_id),
                event_key     text NOT NULL CHECK (length(event_key) BETWEEN 1 AND 64),
                transition    text NOT NULL CHECK (transition IN ('SETTLE', 'BLOCK', 'RELEASE', 'RETURN')),
                from_state    text NOT NULL,
                to_state      text NULL CHECK (to_state IN ('PAID', 'BLOCKED', 'PARTIALLY_RETURNED', 'RETURNED')),
                accepted      boolean NOT NULL CHECK (accepted = (to_state IS NOT NULL)),
                amount        bigint NOT NULL CHECK (amount >= 0),
                devolucao_id  text NULL,
                payload       jsonb NULL,
                detail        text NOT NULL,
                occurred_at   timestamptz NOT NULL,
                UNIQUE (end_to_end_id, event_key)
            );
            CREATE INDEX pix_events_pix ON pix.pix_events (end_to_end_id, id DESC);

            CREATE TABLE pix.refund_requests (
                end_to_end_id  text NOT NULL REFERENCES pix.received_pix (end_to_end_id),
                devolucao_id   text NOT NULL CHECK (devolucao_id ~ '^[a-zA-Z0-9]{1,35}$'),
                merchant_id    text NOT NULL,
                valor_centavos bigint NOT NULL CHECK (valor_centavos > 0),
                natureza       text NOT NULL CHECK (natureza IN ('ORIGINAL', 'RETIRADA')),
                descricao      text NULL CHECK (length(descricao) <= 140),
                request_hash   text NOT NULL,
                requested_at   timestamptz NOT NULL,
                PRIMARY KEY (end_to_end_id, devolucao_id)
            );
            -- EM_PROCESSAMENTO rows: the request (no rtrId) and the PSP's acceptance (rtrId); then one final status.
            CREATE TABLE pix.refund_events (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                end_to_end_id text NOT NULL,
                devolucao_id  text NOT NULL,
                status        text NOT NULL CHECK (status IN ('EM_PROCESSAMENTO', 'DEVOLVIDO', 'NAO_REALIZADO')),
                rtr_id        text NULL CHECK (rtr_id ~ '^[a-zA-Z0-9]{32}$'),
                motivo        text NULL CHECK (length(motivo) <= 140),
                occurred_at   timestamptz NOT NULL,
                recorded_at   timestamptz NOT NULL,
                FOREIGN KEY (end_to_end_id, devolucao_id) REFERENCES pix.refund_requests (end_to_end_id, devolucao_id)
            );
            CREATE INDEX refund_events_refund ON pix.refund_events (end_to_end_id, devolucao_id, id DESC);
            CREATE UNIQUE INDEX refund_events_final ON pix.refund_events (end_to_end_id, devolucao_id) WHERE status <> 'EM_PROCESSAMENTO';
            """);
        foreach (var table in new[] { "pix_events", "refund_requests", "refund_events" })
        {
            migrationBuilder.MakeAppendOnly(PixDbContext.Schema, table);
        }
    }
}
