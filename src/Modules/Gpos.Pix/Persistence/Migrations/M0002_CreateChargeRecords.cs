using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Pix.Persistence.Migrations;

/// <summary>
/// Pix payment records (design.md §3): every table is append-only; a charge's state is its latest revision and its
/// latest status event, never an UPDATE. Unique constraints make retries and concurrent requests converge.
/// </summary>
[DbContext(typeof(PixDbContext))]
[Migration("20261122000002_CreateChargeRecords")]
internal sealed class M0002_CreateChargeRecords : Migration
{
    private static readonly string[] Tables =
    [
        "merchant_keys", "charges", "charge_revisions", "charge_status_events", "psp_intents", "psp_results",
        "received_pix", "flagged_mismatches", "idempotency_keys",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE pix.merchant_keys (
                chave         text PRIMARY KEY CHECK (length(chave) BETWEEN 1 AND 77),
                merchant_id   text NOT NULL,
                merchant_name text NOT NULL CHECK (length(merchant_name) BETWEEN 1 AND 25),
                merchant_city text NOT NULL CHECK (length(merchant_city) BETWEEN 1 AND 15),
                registered_by text NOT NULL,
                created_at    timestamptz NOT NULL
            );
            CREATE TABLE pix.charges (
                txid        text PRIMARY KEY CHECK (txid ~ '^[a-zA-Z0-9]{26,35}$'),
                merchant_id text NOT NULL,
                created_at  timestamptz NOT NULL
            );
            CREATE INDEX charges_merchant_created ON pix.charges (merchant_id, created_at);
            CREATE TABLE pix.charge_revisions (
                txid           text NOT NULL REFERENCES pix.charges (txid),
                revisao        integer NOT NULL CHECK (revisao >= 0),
                request_json   jsonb NOT NULL,
                canonical      text NOT NULL,
                valor_centavos bigint NOT NULL CHECK (valor_centavos > 0),
                chave          text NOT NULL REFERENCES pix.merchant_keys (chave),
                expiracao      integer NOT NULL CHECK (expiracao > 0),
                devedor_cpf    text NULL,
                devedor_cnpj   text NULL,
                created_at     timestamptz NOT NULL,
                PRIMARY KEY (txid, revisao)
            );
            CREATE TABLE pix.charge_status_events (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                txid        text NOT NULL REFERENCES pix.charges (txid),
                status      text NOT NULL CHECK (status IN ('ATIVA', 'CONCLUIDA', 'REMOVIDA_PELO_USUARIO_RECEBEDOR', 'REMOVIDA_PELO_PSP')),
                reason      text NOT NULL,
                occurred_at timestamptz NOT NULL
            );
            CREATE INDEX charge_status_events_txid ON pix.charge_status_events (txid, id DESC);
            -- At most one terminal status per charge: a second CONCLUIDA (or a removal after payment) cannot be appended.
            CREATE UNIQUE INDEX charge_status_events_final ON pix.charge_status_events (txid) WHERE status <> 'ATIVA';
            CREATE TABLE pix.psp_intents (
                id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                txid       text NOT NULL,
                revisao    integer NOT NULL,
                operation  text NOT NULL CHECK (operation IN ('PUT', 'PATCH')),
                created_at timestamptz NOT NULL,
                UNIQUE (txid, revisao),
                FOREIGN KEY (txid, revisao) REFERENCES pix.charge_revisions (txid, revisao)
            );
            CREATE TABLE pix.psp_results (
                intent_id    bigint PRIMARY KEY REFERENCES pix.psp_intents (id),
                outcome      text NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED')),
                loc_id       bigint NULL,
                location     text NULL,
                response     jsonb NOT NULL,
                created_at   timestamptz NOT NULL
            );
            CREATE TABLE pix.received_pix (
                end_to_end_id  text PRIMARY KEY CHECK (end_to_end_id ~ '^[a-zA-Z0-9]{32}$'),
                txid           text NULL,
                merchant_id    text NULL,
                chave          text NULL,
                valor_centavos bigint NOT NULL,
                horario        timestamptz NOT NULL,
                accepted       boolean NOT NULL,
                payload        jsonb NOT NULL,
                received_at    timestamptz NOT NULL
            );
            CREATE INDEX received_pix_merchant_horario ON pix.received_pix (merchant_id, horario);
            CREATE TABLE pix.flagged_mismatches (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                end_to_end_id text NULL,
                txid          text NULL,
                kind          text NOT NULL,
                detail        text NOT NULL,
                payload       jsonb NOT NULL,
                flagged_at    timestamptz NOT NULL
            );
            CREATE TABLE pix.idempotency_keys (
                merchant_id  text NOT NULL,
                key          text NOT NULL,
                request_hash text NOT NULL,
                txid         text NOT NULL,
                created_at   timestamptz NOT NULL,
                PRIMARY KEY (merchant_id, key)
            );
            """);
        foreach (var table in Tables)
        {
            migrationBuilder.MakeAppendOnly(PixDbContext.Schema, table);
        }
    }
}
