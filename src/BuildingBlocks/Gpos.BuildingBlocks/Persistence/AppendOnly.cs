using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gpos.BuildingBlocks.Persistence;

/// <summary>
/// Declares a payment-record table append-only (design.md §6: "never UPDATE payment records"). Grants alone are not
/// enough: the owner role (migrations) and anyone it grants to could still rewrite history, so triggers reject
/// UPDATE and DELETE per row and TRUNCATE per statement for every role. Only a superuser who disables triggers
/// (<c>session_replication_role = replica</c>) gets past them, and the ledger's seals make that visible.
/// </summary>
public static partial class AppendOnly
{
    /// <summary>SQLSTATE raised by the triggers: the same class as a missing grant, so callers see one kind of refusal.</summary>
    public const string ViolationSqlState = "42501";

    /// <summary>Name of the trigger function created (or replaced) in the table's schema.</summary>
    public const string TriggerFunction = "reject_append_only_mutation";

    /// <summary>
    /// Revokes UPDATE, DELETE and TRUNCATE from the application role and installs the rejecting triggers on
    /// <paramref name="schema"/>.<paramref name="table"/>. Idempotent for the function (CREATE OR REPLACE); call it once
    /// per table, in the migration that creates the table.
    /// </summary>
    public static void MakeAppendOnly(this MigrationBuilder migrationBuilder, string schema, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(Sql(schema, table));
    }

    /// <summary>The SQL <see cref="MakeAppendOnly"/> runs (for modules that apply schema changes outside EF).</summary>
    public static string Sql(string schema, string table)
    {
        RequireIdentifier(schema, nameof(schema));
        RequireIdentifier(table, nameof(table));
        return $"""
            CREATE OR REPLACE FUNCTION {schema}.{TriggerFunction}() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            BEGIN
                RAISE EXCEPTION '%.% is append-only: % is not allowed', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
                    USING ERRCODE = '{ViolationSqlState}',
                          HINT = 'Payment records are never changed: record a correcting entry instead.';
            END
            $fn$;
            REVOKE UPDATE, DELETE, TRUNCATE ON {schema}.{table} FROM {DatabaseRoles.App};
            CREATE TRIGGER {table}_append_only_row BEFORE UPDATE OR DELETE ON {schema}.{table}
                FOR EACH ROW EXECUTE FUNCTION {schema}.{TriggerFunction}();
            CREATE TRIGGER {table}_append_only_truncate BEFORE TRUNCATE ON {schema}.{table}
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.{TriggerFunction}();
            """;
    }

    // Schema and table names are spliced into DDL; they come from code, but a typo must fail loudly, not inject SQL.
    private static void RequireIdentifier(string name, string parameter)
    {
        if (name is null || !Identifier().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain lower-case SQL identifier.", parameter);
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
