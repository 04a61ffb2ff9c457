using Gpos.Webhooks.Contracts;
using Npgsql;

namespace Gpos.Webhooks.Registration;

/// <summary>Registrations and their secrets. Every merchant-facing lookup is scoped to the merchant.</summary>
internal sealed class EndpointStore(NpgsqlDataSource db, TimeProvider time)
{
    private const string Columns = "id, kind, chave, url, event_types, created_at, disabled_at, disabled_reason";

    /// <summary>API Pix <c>PUT /webhook/{chave}</c>: one webhook per key; a PUT replaces the URL (and re-enables it). The secret is returned only when the registration is new.</summary>
    public async Task<(EndpointRecord Endpoint, string? Secret)> UpsertPixAsync(string merchantId, string chave, string url,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO webhooks.endpoints (id, merchant_id, kind, chave, url, event_types, created_at)
            VALUES (@id, @m, 'pix', @chave, @url, @types, @now)
            ON CONFLICT (merchant_id, chave) WHERE kind = 'pix' AND deleted_at IS NULL
            DO UPDATE SET url = excluded.url, disabled_at = NULL, disabled_reason = NULL
            RETURNING {Columns}, (xmax = 0)
            """, connection, tx);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7(now));
        command.Parameters.AddWithValue("m", merchantId);
        command.Parameters.AddWithValue("chave", chave);
        command.Parameters.AddWithValue("url", url);
        command.Parameters.AddWithValue("types", MerchantEventTypes.PixCallback.ToArray());
        command.Parameters.AddWithValue("now", now);
        EndpointRecord endpoint;
        bool inserted;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            endpoint = Read(reader);
            inserted = reader.GetBoolean(8);
        }

        var secret = inserted ? await AddSecretAsync(tx, endpoint.Id, now, cancellationToken) : null;
        await tx.CommitAsync(cancellationToken);
        return (endpoint, secret);
    }

    /// <summary>A GPOS registration for card and lifecycle events, with its first secret.</summary>
    public async Task<(EndpointRecord Endpoint, string Secret)> CreateAsync(string merchantId, string url, string[] eventTypes,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO webhooks.endpoints (id, merchant_id, kind, url, event_types, created_at) VALUES (@id, @m, 'gpos', @url, @types, @now)
            RETURNING {Columns}
            """, connection, tx);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7(now));
        command.Parameters.AddWithValue("m", merchantId);
        command.Parameters.AddWithValue("url", url);
        command.Parameters.AddWithValue("types", eventTypes);
        command.Parameters.AddWithValue("now", now);
        var endpoint = (await ReadAllAsync(command, cancellationToken))[0];
        var secret = await AddSecretAsync(tx, endpoint.Id, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (endpoint, secret);
    }

    public async Task<IReadOnlyList<EndpointRecord>> ListAsync(string merchantId, string? kind, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            SELECT {Columns} FROM webhooks.endpoints
            WHERE merchant_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR kind = $2) ORDER BY created_at, id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<EndpointRecord?> FindAsync(string merchantId, Guid? id, string? chave, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            SELECT {Columns} FROM webhooks.endpoints
            WHERE merchant_id = $1 AND deleted_at IS NULL AND (id = $2 OR (kind = 'pix' AND chave = $3))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)chave ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>Removes the registration (pending deliveries to it are no longer attempted). False when there is none.</summary>
    public async Task<bool> DeleteAsync(string merchantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("UPDATE webhooks.endpoints SET deleted_at = $3 WHERE merchant_id = $1 AND id = $2 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>A new secret; the previous one keeps signing for <see cref="WebhooksOptions.SecretRotationOverlap"/>. Null when there is no such registration.</summary>
    public async Task<string?> RotateAsync(string merchantId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM webhooks.endpoints WHERE merchant_id = @m AND id = @id AND deleted_at IS NULL FOR UPDATE", connection, tx);
        command.Parameters.AddWithValue("m", merchantId);
        command.Parameters.AddWithValue("id", id);
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            return null;
        }

        var secret = await AddSecretAsync(tx, id, time.GetUtcNow(), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return secret;
    }

    /// <summary>Ops: re-enables an endpoint disabled by a 410; its pending deliveries become due again.</summary>
    public async Task<bool> EnableAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(
            "UPDATE webhooks.endpoints SET disabled_at = NULL, disabled_reason = NULL WHERE id = $1 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<string> AddSecretAsync(NpgsqlTransaction tx, Guid endpointId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secret = SigningSecret.Create();
        await using var command = new NpgsqlCommand(
            "INSERT INTO webhooks.endpoint_secrets (endpoint_id, secret, created_at) VALUES (@e, @s, @now)", tx.Connection, tx);
        command.Parameters.AddWithValue("e", endpointId);
        command.Parameters.AddWithValue("s", secret);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return secret;
    }

    private static async Task<List<EndpointRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<EndpointRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static EndpointRecord Read(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
        r.GetString(3), r.GetFieldValue<string[]>(4), r.GetFieldValue<DateTimeOffset>(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetString(7));
}
