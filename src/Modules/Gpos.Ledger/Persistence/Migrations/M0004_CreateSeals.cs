using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>
/// The seal chain (design.md §6, tamper evidence) and the balance projection. Seals link to their predecessor by a
/// (prev_seq, prev_hash) foreign key, so the chain cannot fork even if two sealers raced. Which entries are sealed is
/// recorded by appending to <c>sealed_entries</c>, never by marking entries. The projection is derived data (rebuilt
/// from the journal at will) and is the one mutable table here.
/// </summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261122000004_CreateSeals")]
internal sealed class M0004_CreateSeals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE ledger.seals (
                seq            bigint PRIMARY KEY CHECK (seq >= 1),
                prev_seq       bigint NULL,
                prev_hash      bytea NOT NULL CHECK (length(prev_hash) = 32),
                entries_sha256 bytea NOT NULL CHECK (length(entries_sha256) = 32),
                hash           bytea NOT NULL CHECK (length(hash) = 32),
                entry_count    integer NOT NULL CHECK (entry_count > 0),
                first_entry_id bigint NOT NULL,
                last_entry_id  bigint NOT NULL,
                -- Every entry written by a transaction older than this has been sealed by this seal or an earlier one.
                xact_floor     xid8 NOT NULL,
                sealed_at      timestamptz NOT NULL,
                UNIQUE (seq, hash),
                CHECK ((seq = 1 AND prev_seq IS NULL) OR prev_seq = seq - 1),
                FOREIGN KEY (prev_seq, prev_hash) REFERENCES ledger.seals (seq, hash)
            );

            -- No foreign key to journal_entries: its check would lock (and so rewrite) every sealed entry row. Entries
            -- cannot be deleted (append-only), and verify reports a sealed entry that went missing anyway.
            CREATE TABLE ledger.sealed_entries (
                entry_id     bigint PRIMARY KEY,
                seal_seq     bigint NOT NULL REFERENCES ledger.seals (seq),
                position     integer NOT NULL CHECK (position >= 1),
                entry_sha256 bytea NOT NULL CHECK (length(entry_sha256) = 32),
                UNIQUE (seal_seq, position)
            );

            CREATE TABLE ledger.balance_projection (
                account_id bigint PRIMARY KEY REFERENCES ledger.accounts (id),
                debits     bigint NOT NULL CHECK (debits >= 0),
                credits    bigint NOT NULL CHECK (credits >= 0),
                seal_seq   bigint NOT NULL
            );
            """);
        migrationBuilder.MakeAppendOnly(LedgerDbContext.Schema, "seals");
        migrationBuilder.MakeAppendOnly(LedgerDbContext.Schema, "sealed_entries");
        migrationBuilder.AllowMutation(LedgerDbContext.Schema, "balance_projection");
    }
}
