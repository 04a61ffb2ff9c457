using Gpos.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.Terminals.Persistence.Migrations;

[DbContext(typeof(TerminalsDbContext))]
[Migration("20261122000001_CreateSchema")]
internal sealed class M0001_CreateSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateSchema(TerminalsDbContext.Schema);
        // A revocation is never undone: the table is append-only for the application role (default privileges).
        migrationBuilder.Sql("""
            CREATE TABLE terminals.certificate_revocations (
                serial_number text PRIMARY KEY CHECK (serial_number ~ '^[0-9A-F]{2,64}$'),
                revoked_at    timestamptz NOT NULL,
                reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
                revoked_by    text NOT NULL
            );
            """);
    }
}
