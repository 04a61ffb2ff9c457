using Npgsql;

namespace Gpos.Cards.Idempotency;

/// <summary>
/// IETF Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) per terminal, stored in <c>cards.idempotency_keys</c>.
/// A key is claimed and its response stored inside the caller's own transactions, so the claim, the business records and
/// the stored response commit together or not at all. The body is remembered as an HMAC fingerprint, never as text.
/// </summary>
internal sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>
    /// Claims the key in <paramref name="tx"/>; false when it is taken. A claim still uncommitted in another transaction
    /// makes this wait for that transaction's end (the primary key), so a concurrent duplicate sees its outcome.
    /// </summary>
    public async Task<bool> TryClaimAsync(NpgsqlTransaction tx, IdempotentCall call, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO cards.idempotency_keys (terminal_id, idempotency_key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING
            """, tx.Connection, tx);
        insert.Parameters.Add(new NpgsqlParameter { Value = call.TerminalId });
        insert.Parameters.Add(new NpgsqlParameter { Value = call.Key });
        insert.Parameters.Add(new NpgsqlParameter { Value = call.Fingerprint });
        insert.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>What a request whose key is taken gets: the stored response, in flight (no response yet) or mismatch.</summary>
    public async Task<IdempotencyClaim> FindAsync(IdempotentCall call, CancellationToken cancellationToken)
    {
        await using var select = dataSource.CreateCommand("""
            SELECT fingerprint, status_code, content_type, response FROM cards.idempotency_keys
            WHERE terminal_id = $1 AND idempotency_key = $2
            """);
        select.Parameters.Add(new NpgsqlParameter { Value = call.TerminalId });
        select.Parameters.Add(new NpgsqlParameter { Value = call.Key });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return IdempotencyClaim.InFlight; // the claim was rolled back or released since: the client may retry
        }

        return Read(reader, call.Fingerprint);
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

    /// <summary>Stores the response of a claimed key in <paramref name="tx"/>, the transaction of the outcome it reports.</summary>
    public async Task CompleteAsync(NpgsqlTransaction tx, IdempotentCall call, int status, string contentType, string body,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE cards.idempotency_keys SET status_code = $3, content_type = $4, response = $5, completed_at = $6
            WHERE terminal_id = $1 AND idempotency_key = $2 AND completed_at IS NULL
            """, tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = call.TerminalId });
        command.Parameters.Add(new NpgsqlParameter { Value = call.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = contentType });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException("An Idempotency-Key was completed that this request had not claimed.");
        }
    }

    /// <summary>
    /// Frees a key whose claim committed in an earlier transaction than the one that failed (a card sale's claim commits
    /// with its authorization record, before the host is asked), so the client's retry runs again.
    /// </summary>
    public async Task ReleaseAsync(IdempotentCall call, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM cards.idempotency_keys WHERE terminal_id = $1 AND idempotency_key = $2 AND completed_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = call.TerminalId });
        command.Parameters.Add(new NpgsqlParameter { Value = call.Key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
