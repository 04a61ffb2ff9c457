using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Terminals.Persistence.Migrations;

/// <summary>
/// The terminal registry and certificate lifecycle, all append-only (default privileges give the app role SELECT and
/// INSERT only): a code is "used" when an enrollment row names it, "locked" when it has 5 failed attempts, a terminal
/// is "revoked" when a revocation row names it. Nothing is ever updated.
/// </summary>
[DbContext(typeof(TerminalsDbContext))]
[Migration("20261122000002_TerminalRegistry")]
internal sealed class M0002_TerminalRegistry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE terminals.terminals (
                terminal_id      text PRIMARY KEY CHECK (terminal_id ~ '^t-[a-z0-9]{16}$'),
                serial_number    text NOT NULL UNIQUE CHECK (serial_number ~ '^[A-Za-z0-9._-]{4,64}$'),
                model            text NOT NULL CHECK (length(model) BETWEEN 1 AND 64),
                merchant_id      text NOT NULL CHECK (merchant_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
                attestation_required boolean NOT NULL DEFAULT false,
                registered_at    timestamptz NOT NULL,
                registered_by    text NOT NULL
            );
            CREATE INDEX terminals_by_merchant ON terminals.terminals (merchant_id, registered_at);

            CREATE TABLE terminals.activation_codes (
                code_id      uuid PRIMARY KEY,
                terminal_id  text NOT NULL REFERENCES terminals.terminals,
                code_sha256  bytea NOT NULL CHECK (length(code_sha256) = 32),
                issued_at    timestamptz NOT NULL,
                expires_at   timestamptz NOT NULL CHECK (expires_at > issued_at),
                issued_by    text NOT NULL
            );
            CREATE INDEX activation_codes_latest ON terminals.activation_codes (terminal_id, issued_at DESC);

            CREATE TABLE terminals.activation_attempts (
                attempt_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                code_id      uuid NOT NULL REFERENCES terminals.activation_codes,
                attempted_at timestamptz NOT NULL,
                succeeded    boolean NOT NULL,
                outcome      text NOT NULL
            );
            CREATE INDEX activation_attempts_by_code ON terminals.activation_attempts (code_id);

            CREATE TABLE terminals.issued_certificates (
                serial_number  text PRIMARY KEY CHECK (serial_number ~ '^[0-9A-F]{2,64}$'),
                terminal_id    text NOT NULL REFERENCES terminals.terminals,
                not_before     timestamptz NOT NULL,
                not_after      timestamptz NOT NULL CHECK (not_after > not_before),
                thumbprint_sha256 text NOT NULL,
                issuer         text NOT NULL,
                issued_at      timestamptz NOT NULL,
                authorised_by  text NOT NULL,
                -- An activation code enrolls once: the unique index makes a second use impossible, even concurrently.
                activation_code_id uuid UNIQUE REFERENCES terminals.activation_codes
            );
            CREATE INDEX issued_certificates_by_terminal ON terminals.issued_certificates (terminal_id, issued_at);
            CREATE INDEX issued_certificates_by_expiry ON terminals.issued_certificates (not_after);

            CREATE TABLE terminals.terminal_revocations (
                terminal_id  text PRIMARY KEY REFERENCES terminals.terminals,
                revoked_at   timestamptz NOT NULL,
                reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
                revoked_by   text NOT NULL
            );
            """);
    }
}
