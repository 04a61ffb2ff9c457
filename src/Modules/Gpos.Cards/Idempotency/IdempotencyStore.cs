using Npgsql;

namespace Gpos.Cards.Idempotency;

/// <summary>
/// IETF Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) per terminal: the first request claims the key, a
/// retry with the same body gets the stored outcome, a retry while the first is running gets 409, and the same key with
/// a different body gets 422. The body is remembered as an HMAC fingerprint, never as text.
/// </summary>
internal sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<IdempotencyClaim> ClaimAsync(string terminalId, string key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO cards.idempotency_keys (terminal_id, idempotency_key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = terminalId });
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
            insert.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return IdempotencyClaim.Claimed;
            }
        }

        await using var select = dataSource.CreateCommand("""
            SELECT fingerprint, status_code, content_type, response FROM cards.idempotency_keys
            WHERE terminal_id = $1 AND idempotency_key = $2
            """);
        select.Parameters.Add(new NpgsqlParameter { Value = terminalId });
        select.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return IdempotencyClaim.InFlight; // released between our insert and select: the client may retry
        }

        return Read(reader, fingerprint);
    }

    private static IdempotencyClaim Read(NpgsqlDataReader reader, byte[] fingerprint)
    {
        if (!((byte[])reader[0]).AsSpan().SequenceEqual(fingerprint))
        {
            return IdempotencyClaim.Mismatch;
        }

        return reader.IsDBNull(1)
            ? IdempotencyClaim.InFlight
            : new IdempotencyClaim(IdempotencyClaimKind.Replay, reader.GetInt32(1), reader.GetString(2), reader.GetString(3));
    }

    public async Task CompleteAsync(string terminalId, string key, int status, string contentType, string body,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE cards.idempotency_keys SET status_code = $3, content_type = $4, response = $5, completed_at = $6
            WHERE terminal_id = $1 AND idempotency_key = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = terminalId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = contentType });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Frees the key after a failure that left no outcome, so the client's retry runs again.</summary>
    public async Task ReleaseAsync(string terminalId, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM cards.idempotency_keys WHERE terminal_id = $1 AND idempotency_key = $2 AND completed_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = terminalId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
