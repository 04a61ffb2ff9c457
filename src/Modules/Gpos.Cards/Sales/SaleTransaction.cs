using Npgsql;

namespace Gpos.Cards.Sales;

/// <summary>A pooled connection and its transaction (holding a sale's advisory lock when it came from a locked begin); disposing it releases both.</summary>
internal sealed class SaleTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public NpgsqlTransaction Transaction => transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
