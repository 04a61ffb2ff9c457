using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.BuildingBlocks.Persistence;

/// <summary>SQL helpers for module migrations: one schema per module, owned by the owner role.</summary>
public static class ModuleSchema
{
    /// <summary>
    /// Creates the module's schema and sets the default privileges that make every future table of the schema
    /// append-only for the application role (SELECT, INSERT; sequences usable).
    /// </summary>
    public static void CreateSchema(this MigrationBuilder migrationBuilder, string schema)
    {
        migrationBuilder.Sql($"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            GRANT USAGE ON SCHEMA {schema} TO {DatabaseRoles.App};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT ON TABLES TO {DatabaseRoles.App};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {DatabaseRoles.App};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT EXECUTE ON FUNCTIONS TO {DatabaseRoles.App};
            """);
    }

    /// <summary>Lets the application role UPDATE and DELETE a table that is not a payment record (e.g. a work queue).</summary>
    public static void AllowMutation(this MigrationBuilder migrationBuilder, string schema, string table) =>
        migrationBuilder.Sql($"GRANT UPDATE, DELETE ON {schema}.{table} TO {DatabaseRoles.App};");
}
