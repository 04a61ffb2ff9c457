using Npgsql;

namespace Gpos.Pix.Charges;

/// <summary><c>Idempotency-Key</c> of <c>POST /v2/cob</c> (IETF draft): the first request binds the key to a body hash and a txid.</summary>
internal static class IdempotencyKeys
{
    public static async Task<(string Hash, string Txid)> ClaimAsync(NpgsqlDataSource db, string merchantId, string key, string hash, string txid,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A concurrent claim of the same key may commit after this statement's snapshot: ask again.
        for (var attempt = 0; ; attempt++)
        {
            var found = await TryClaimAsync(db, merchantId, key, hash, txid, now, cancellationToken);
            if (found is not null || attempt == 2)
            {
                return found ?? throw new InvalidOperationException("Idempotency key could not be claimed or read.");
            }
        }
    }

    private static async Task<(string Hash, string Txid)?> TryClaimAsync(NpgsqlDataSource db, string merchantId, string key, string hash,
        string txid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("""
            WITH claimed AS (
                INSERT INTO pix.idempotency_keys (merchant_id, key, request_hash, txid, created_at) VALUES (@m, @k, @h, @t, @now)
                ON CONFLICT (merchant_id, key) DO NOTHING RETURNING request_hash, txid)
            SELECT request_hash, txid FROM claimed
            UNION ALL SELECT request_hash, txid FROM pix.idempotency_keys WHERE merchant_id = @m AND key = @k
            LIMIT 1
            """);
        command.Parameters.AddWithValue("m", merchantId);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("h", hash);
        command.Parameters.AddWithValue("t", txid);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }
}
