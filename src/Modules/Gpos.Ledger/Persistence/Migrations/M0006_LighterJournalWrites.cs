using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>
/// Less work per journal entry (issue 5, throughput against raw INSERT; tests/Gpos.Ledger.Benchmarks/RESULTS.md).
/// <list type="bullet">
/// <item>The <c>xact_id</c> stamping trigger goes: the application role loses INSERT on that column (column
/// privileges), so the <c>DEFAULT pg_current_xact_id()</c> always applies and a writer cannot forge the value the sealer
/// relies on. Same guarantee, no trigger call per row.</item>
/// <item>The postings account index loses its INCLUDE columns: balances are read from the projection, so the index
/// only needs to find an account's postings, and every posting writes a smaller index tuple.</item>
/// </list>
/// </summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261122000006_LighterJournalWrites")]
internal sealed class M0006_LighterJournalWrites : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            DROP TRIGGER journal_entries_stamp_xact ON ledger.journal_entries;
            DROP FUNCTION ledger.stamp_entry_xact();
            REVOKE INSERT ON ledger.journal_entries FROM {DatabaseRoles.App};
            GRANT INSERT (id, source_module, source_id, event_kind, description, occurred_at, created_at)
                ON ledger.journal_entries TO {DatabaseRoles.App};

            DROP INDEX ledger.postings_account;
            CREATE INDEX postings_account ON ledger.postings (account_id);
            """);
    }
}
