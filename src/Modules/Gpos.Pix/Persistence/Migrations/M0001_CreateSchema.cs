using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Pix.Persistence.Migrations;

[DbContext(typeof(PixDbContext))]
[Migration("20261122000001_CreateSchema")]
internal sealed class M0001_CreateSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateSchema(PixDbContext.Schema);
}
