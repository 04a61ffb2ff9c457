using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Ledger.Persistence.Migrations;

/// <summary>
/// One round trip per ledger operation: each function validates, then writes an entry (or hold, or resolution) with
/// its postings. Bad input comes back as a status row instead of an exception, because the caller's transaction
/// carries its own state change: raising here would abort it, while a status lets the caller decide.
/// The triggers of <see cref="M0002_CreateJournal"/> still enforce the invariants for anyone bypassing these.
/// </summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("20261122000005_CreatePostingFunctions")]
internal sealed class M0005_CreatePostingFunctions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(LedgerSql.PostEntry);
        migrationBuilder.Sql(LedgerSql.PlaceHold);
        migrationBuilder.Sql(LedgerSql.ResolveHold);
        migrationBuilder.Sql(LedgerSql.AccountBalancesView);
    }
}
