using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Webhooks.Persistence.Migrations;

/// <summary>
/// Registrations, the outbox and its deliveries (design.md §5). Events, secrets and attempts are records of what
/// happened and are append-only; endpoints (configuration), deliveries (a work queue) and the per-resource sequence
/// counters are mutable, granted explicitly (ModuleSchema.AllowMutation).
/// </summary>
[DbContext(typeof(WebhooksDbContext))]
[Migration("20261122000002_CreateWebhookTables")]
internal sealed class M0002_CreateWebhookTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE webhooks.endpoints (
                id              uuid PRIMARY KEY,
                merchant_id     text NOT NULL,
                kind            text NOT NULL CHECK (kind IN ('pix', 'gpos')),
                chave           text NULL CHECK (chave IS NULL OR length(chave) BETWEEN 1 AND 77),
                url             text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
                event_types     text[] NOT NULL,
                created_at      timestamptz NOT NULL,
                disabled_at     timestamptz NULL,
                disabled_reason text NULL,
                deleted_at      timestamptz NULL,
                CHECK ((kind = 'pix') = (chave IS NOT NULL))
            );
            -- One webhook per Pix key (API Pix PUT /webhook/{chave} replaces it; pix-api.md §8 #309).
            CREATE UNIQUE INDEX endpoints_pix_key ON webhooks.endpoints (merchant_id, chave) WHERE kind = 'pix' AND deleted_at IS NULL;
            CREATE INDEX endpoints_merchant ON webhooks.endpoints (merchant_id) WHERE deleted_at IS NULL;

            CREATE TABLE webhooks.endpoint_secrets (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                endpoint_id uuid NOT NULL REFERENCES webhooks.endpoints (id),
                secret      text NOT NULL,
                created_at  timestamptz NOT NULL
            );
            CREATE INDEX endpoint_secrets_endpoint ON webhooks.endpoint_secrets (endpoint_id, id DESC);

            CREATE TABLE webhooks.resource_sequences (
                resource_type text NOT NULL,
                resource_id   text NOT NULL,
                last_sequence bigint NOT NULL,
                PRIMARY KEY (resource_type, resource_id)
            );

            CREATE TABLE webhooks.events (
                id            uuid PRIMARY KEY,
                merchant_id   text NOT NULL,
                event_type    text NOT NULL,
                resource_type text NOT NULL,
                resource_id   text NOT NULL,
                sequence      bigint NOT NULL CHECK (sequence > 0),
                chave         text NULL,
                state         jsonb NOT NULL,
                pix_item      jsonb NULL,
                occurred_at   timestamptz NOT NULL,
                created_at    timestamptz NOT NULL,
                UNIQUE (resource_type, resource_id, sequence)
            );

            CREATE TABLE webhooks.deliveries (
                id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_id        uuid NOT NULL REFERENCES webhooks.events (id),
                endpoint_id     uuid NOT NULL REFERENCES webhooks.endpoints (id),
                status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
                attempts        integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                last_status     integer NULL,
                created_at      timestamptz NOT NULL,
                finished_at     timestamptz NULL,
                UNIQUE (event_id, endpoint_id)
            );
            CREATE INDEX deliveries_due ON webhooks.deliveries (next_attempt_at) WHERE status = 'pending';
            CREATE INDEX deliveries_status_created ON webhooks.deliveries (status, created_at);

            CREATE TABLE webhooks.attempts (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                delivery_id   bigint NOT NULL REFERENCES webhooks.deliveries (id),
                attempt       integer NOT NULL,
                started_at    timestamptz NOT NULL,
                duration_ms   integer NOT NULL,
                http_status   integer NULL,
                outcome       text NOT NULL,
                error         text NULL,
                response_body text NULL CHECK (length(response_body) <= 1024),
                instance      text NOT NULL
            );
            CREATE INDEX attempts_delivery ON webhooks.attempts (delivery_id, id);

            CREATE TABLE webhooks.replays (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                delivery_id  bigint NOT NULL REFERENCES webhooks.deliveries (id),
                requested_by text NOT NULL,
                requested_at timestamptz NOT NULL
            );
            """);
        foreach (var table in new[] { "endpoints", "deliveries", "resource_sequences" })
        {
            migrationBuilder.AllowMutation(WebhooksDbContext.Schema, table);
        }

        foreach (var table in new[] { "endpoint_secrets", "events", "attempts", "replays" })
        {
            migrationBuilder.MakeAppendOnly(WebhooksDbContext.Schema, table);
        }
    }
}
