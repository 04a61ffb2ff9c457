using Npgsql;

namespace Gpos.Pix.Shared;

/// <summary>
/// Serializes work on one txid: an in-process stripe (so 100 concurrent requests hold one database connection, not
/// 100) and then a PostgreSQL session advisory lock on <c>hashtext</c> of the key (so several GPOS instances serialize
/// too). Webhook transactions take the same key with <c>pg_advisory_xact_lock</c>; a transaction that needs several
/// txid and Pix locks at once takes them with <see cref="LockAllInTransactionAsync"/>, in one global order.
/// </summary>
internal sealed class TxidLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public static string Key(string txid) => "pix.cob:" + txid;

    /// <summary>Takes the lock; with <paramref name="failFast"/> returns null instead of waiting when it is held.</summary>
    public async Task<IAsyncDisposable?> AcquireAsync(NpgsqlConnection connection, string txid, bool failFast, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(txid) % (uint)_stripes.Length];
        if (failFast)
        {
            if (!await stripe.WaitAsync(0, cancellationToken))
            {
                return null;
            }
        }
        else
        {
            await stripe.WaitAsync(cancellationToken);
        }

        try
        {
            await using var command = new NpgsqlCommand(failFast
                ? "SELECT pg_try_advisory_lock(hashtext(@k))"
                : "SELECT pg_advisory_lock(hashtext(@k)), true", connection);
            command.Parameters.AddWithValue("k", Key(txid));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var acquired = reader.GetBoolean(failFast ? 0 : 1);
            if (!acquired)
            {
                stripe.Release();
                return null;
            }

            return new Held(connection, txid, stripe);
        }
        catch
        {
            stripe.Release();
            throw;
        }
    }

    /// <summary>
    /// Serializes work on one received Pix (its lifecycle events and devoluções) until the transaction ends, on every
    /// instance: the refund cap is checked and the request inserted under it.
    /// </summary>
    public static async Task LockPixInTransactionAsync(NpgsqlTransaction transaction, string e2eid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@k))", transaction.Connection, transaction);
        command.Parameters.AddWithValue("k", PixKey(e2eid));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string PixKey(string e2eid) => "pix.e2e:" + e2eid;

    /// <summary>
    /// Takes the transaction-scoped locks of <paramref name="keys"/> (txid and Pix keys) in one statement, in ascending
    /// order of lock id, so every caller that holds several of them at once takes them in the same order.
    /// </summary>
    public static async Task LockAllInTransactionAsync(NpgsqlTransaction transaction, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        // The MATERIALIZED CTE hands its rows over in the order it sorted them; the locks are taken in that order.
        await using var command = new NpgsqlCommand("""
            WITH ids AS MATERIALIZED (SELECT DISTINCT hashtext(k) AS id FROM unnest(@k::text[]) AS k ORDER BY 1)
            SELECT count(pg_advisory_xact_lock(id)) FROM ids
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("k", keys.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class Held(NpgsqlConnection connection, string txid, SemaphoreSlim stripe) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext(@k))", connection);
                    command.Parameters.AddWithValue("k", Key(txid));
                    await command.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
            finally
            {
                stripe.Release();
            }
        }
    }
}
