using Npgsql;
using NpgsqlTypes;

namespace Gpos.Ledger.Persistence;

/// <summary>Commands with positional parameters ($1, $2 ...): no SQL rewriting by Npgsql on the hot path.</summary>
internal static class LedgerCommand
{
    public static NpgsqlCommand Create(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>A typed null (or value), for parameters whose type PostgreSQL cannot infer from a bare null.</summary>
    public static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
