using Gpos.Webhooks.Contracts;
using Npgsql;

namespace Gpos.Pix.Keys;

/// <summary>Answers the Webhooks module's ownership question for <c>PUT /v2/webhook/{chave}</c> from the Pix module's own key registry.</summary>
internal sealed class PixKeyOwnership(NpgsqlDataSource db) : IPixKeyOwnership
{
    public async Task<bool> IsOwnedByAsync(string chave, string merchantId, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT 1 FROM pix.merchant_keys WHERE chave = $1 AND merchant_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = chave });
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
