using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>
/// One row per journal entry (issue 5, throughput against raw INSERT; docs/adr/0011). An entry's legs move into arrays
/// of its own row, checked whole by a CHECK constraint; a seal lists the entries it covers instead of one
/// <c>sealed_entries</c> row each. Per entry that is 1 heap row and 3 index entries instead of 4 rows and 9 index
/// entries, with no trigger left on the write path. The application role loses INSERT on the journal: it writes
/// through the posting functions, which run as the owner and check accounts. <c>ledger.postings</c> and
/// <c>ledger.sealed_entries</c> remain, as read-only views of the same rows. Existing entries and seals are carried
/// over unchanged (ids, transaction ids, legs in order), so every seal made before still verifies.
/// </summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261123000007_OneRowPerEntry")]
internal sealed class M0007_OneRowPerEntry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(OneRowPerEntrySql.Restructure);
        migrationBuilder.MakeAppendOnly(LedgerDbContext.Schema, "journal_entries");
        migrationBuilder.Sql(OneRowPerEntrySql.Views);
        migrationBuilder.Sql(OneRowPerEntrySql.PostEntry);
        migrationBuilder.Sql(OneRowPerEntrySql.ResolveHold);
        migrationBuilder.Sql(OneRowPerEntrySql.AccountBalancesView);
    }
}
