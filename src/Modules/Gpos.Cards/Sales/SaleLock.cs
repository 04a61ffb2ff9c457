using Npgsql;

namespace Gpos.Cards.Sales;

/// <summary>A connection and the transaction holding one sale's advisory lock; disposing it releases both.</summary>
internal sealed class SaleLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public NpgsqlTransaction Transaction => transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
