using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Cards.Persistence.Migrations;

/// <summary>
/// Card payment records, append-only (design.md §6): an authorization request is written before it is sent, its result
/// after; confirmations, reversals and reversal attempts are separate rows, and a sale's state is derived from them.
/// Only the store-and-forward queue and the idempotency keys are mutable work tables. No column holds a PAN, track,
/// PIN block, CVV or EMV data: the PAN is kept as BIN, last 4 and an HMAC-SHA256 token (PCI DSS 4.0.1 Req. 3.3.1, 3.5.1).
/// </summary>
[DbContext(typeof(CardsDbContext))]
[Migration("20261122000002_CreateCardRecords")]
internal sealed class M0002_CreateCardRecords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE cards.authorizations (
                sale_id          uuid PRIMARY KEY,
                kind             text NOT NULL CHECK (kind IN ('sale', 'preauthorization')),
                merchant_id      text NOT NULL,
                terminal_id      text NOT NULL,
                amount           bigint NOT NULL CHECK (amount > 0 AND amount <= 999999999999),
                currency         text NOT NULL CHECK (currency = '986'),
                card_bin         text NOT NULL CHECK (card_bin ~ '^[0-9]{6}$'),
                card_last4       text NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$'),
                pan_token        bytea NOT NULL CHECK (length(pan_token) = 32),
                entry_mode       text NOT NULL CHECK (entry_mode ~ '^[0-9]{3}$'),
                installments     integer,
                mti              text NOT NULL CHECK (mti IN ('0100', '0200')),
                processing_code  text NOT NULL,
                stan             integer NOT NULL CHECK (stan BETWEEN 1 AND 999999),
                transmission_date_time text NOT NULL CHECK (transmission_date_time ~ '^[0-9]{10}$'),
                acquirer_id      text NOT NULL,
                rrn              text NOT NULL,
                host_terminal_id text NOT NULL,
                host_merchant_id text NOT NULL,
                requested_at     timestamptz NOT NULL
            );
            CREATE INDEX authorizations_by_merchant ON cards.authorizations (merchant_id, requested_at DESC);
            CREATE INDEX authorizations_by_token ON cards.authorizations (pan_token);

            CREATE TABLE cards.authorization_results (
                sale_id       uuid PRIMARY KEY REFERENCES cards.authorizations,
                outcome       text NOT NULL CHECK (outcome IN ('approved', 'declined', 'unknown')),
                response_code text,
                auth_id       text,
                reason        text,
                decided_at    timestamptz NOT NULL
            );

            CREATE TABLE cards.confirmations (
                sale_id      uuid PRIMARY KEY REFERENCES cards.authorizations,
                terminal_id  text NOT NULL,
                confirmed_at timestamptz NOT NULL
            );

            CREATE TABLE cards.reversals (
                reversal_id uuid PRIMARY KEY,
                sale_id     uuid NOT NULL UNIQUE REFERENCES cards.authorizations,
                reason      text NOT NULL CHECK (reason IN ('timeout', 'connection-lost', 'send-failed', 'not-confirmed', 'undo', 'void', 'abandoned')),
                queued_at   timestamptz NOT NULL
            );

            CREATE TABLE cards.reversal_attempts (
                attempt_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                reversal_id   uuid NOT NULL REFERENCES cards.reversals,
                attempt       integer NOT NULL,
                mti           text NOT NULL,
                stan          integer NOT NULL,
                outcome       text NOT NULL CHECK (outcome IN ('acknowledged', 'refused', 'timeout', 'connection-lost', 'not-sent')),
                response_code text,
                attempted_at  timestamptz NOT NULL
            );
            CREATE INDEX reversal_attempts_by_reversal ON cards.reversal_attempts (reversal_id);

            -- Store-and-forward work queue: claimed with FOR UPDATE SKIP LOCKED, so each item is worked by one instance.
            CREATE TABLE cards.saf_queue (
                reversal_id     uuid PRIMARY KEY REFERENCES cards.reversals,
                attempts        integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                completed_at    timestamptz
            );
            CREATE INDEX saf_queue_due ON cards.saf_queue (next_attempt_at) WHERE completed_at IS NULL;

            -- IETF Idempotency-Key: one row per (terminal, key); the fingerprint is an HMAC, never a plain body hash.
            CREATE TABLE cards.idempotency_keys (
                terminal_id     text NOT NULL,
                idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
                fingerprint     bytea NOT NULL,
                created_at      timestamptz NOT NULL,
                status_code     integer,
                content_type    text,
                response        text,
                completed_at    timestamptz,
                PRIMARY KEY (terminal_id, idempotency_key)
            );
            """);
        migrationBuilder.MakeAppendOnly(CardsDbContext.Schema, "authorizations");
        migrationBuilder.MakeAppendOnly(CardsDbContext.Schema, "authorization_results");
        migrationBuilder.MakeAppendOnly(CardsDbContext.Schema, "confirmations");
        migrationBuilder.MakeAppendOnly(CardsDbContext.Schema, "reversals");
        migrationBuilder.MakeAppendOnly(CardsDbContext.Schema, "reversal_attempts");
        migrationBuilder.AllowMutation(CardsDbContext.Schema, "saf_queue");
        migrationBuilder.AllowMutation(CardsDbContext.Schema, "idempotency_keys");
    }
}
