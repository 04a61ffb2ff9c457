using Gpos.Cards.HostLink;
using Gpos.Cards.Sales;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Cards.Saf;

/// <summary>
/// The module's background work, safe in every instance: reverse approved sales not confirmed within the window (and
/// requests left without a result by a crash), then drain the store-and-forward queues (reversals, then completion advices) while the link is up.
/// </summary>
internal sealed partial class CardsWorker(
    NpgsqlDataSource dataSource,
    SaleCommands commands,
    SafSender sender,
    CardHostChannel channel,
    TimeProvider clock,
    IOptions<CardsOptions> options,
    ILogger<CardsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WorkerInterval, clock);
        do
        {
            try
            {
                await ExpireUnconfirmedAsync(stoppingToken);
                foreach (var queue in SafQueue.All)
                {
                    while (channel.Status is { Connected: true, SignedOn: true } && await sender.TrySendOneAsync(queue, stoppingToken))
                    {
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let one bad item stop the host (BackgroundService failures stop it by default); retry next tick.
                LogWorkerFailed(ex.GetType().Name, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ExpireUnconfirmedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = new List<Guid>();
        await using (var command = dataSource.CreateCommand("""
            SELECT a.sale_id FROM cards.authorizations a
            JOIN cards.authorization_results r ON r.sale_id = a.sale_id
            WHERE r.outcome = 'approved' AND r.decided_at <= $1
              AND NOT EXISTS (SELECT 1 FROM cards.confirmations c WHERE c.sale_id = a.sale_id)
              AND NOT EXISTS (SELECT 1 FROM cards.reversals v WHERE v.sale_id = a.sale_id)
            UNION ALL
            SELECT a.sale_id FROM cards.authorizations a
            WHERE a.requested_at <= $2
              AND NOT EXISTS (SELECT 1 FROM cards.authorization_results r WHERE r.sale_id = a.sale_id)
            LIMIT 200
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = now - options.Value.ConfirmationWindow });
            command.Parameters.Add(new NpgsqlParameter { Value = now - (options.Value.RequestTimeout * 3) - TimeSpan.FromSeconds(30) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(reader.GetGuid(0));
            }
        }

        foreach (var saleId in due)
        {
            await commands.ExpireAsync(saleId, cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Cards background work failed ({Error}: {Detail}); retrying")]
    private partial void LogWorkerFailed(string error, string detail);
}
