namespace Gpos.BuildingBlocks.Persistence;

/// <summary>
/// The two database roles (design.md §6, docs/adr/0004). The owner role owns every schema and runs migrations;
/// the application role is what the API connects as at run time. By default the application role gets SELECT and
/// INSERT only on every table a module creates: a table that must be mutable says so explicitly in its migration.
/// </summary>
public static class DatabaseRoles
{
    public const string Owner = "gpos_owner";
    public const string App = "gpos_app";
}
