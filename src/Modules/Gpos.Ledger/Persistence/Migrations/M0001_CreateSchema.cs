using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Ledger.Persistence.Migrations;

[DbContext(typeof(LedgerDbContext))]
[Migration("20261122000001_CreateSchema")]
internal sealed class M0001_CreateSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateSchema(LedgerDbContext.Schema);
}
