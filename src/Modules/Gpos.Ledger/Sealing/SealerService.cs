using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Ledger.Sealing;

/// <summary>
/// Runs <see cref="LedgerSealer"/> every <see cref="LedgerOptions.SealInterval"/>, and back to back while batches come
/// back full. Every instance may run it: the advisory lock lets one seal at a time, the others find it taken.
/// </summary>
internal sealed class SealerService(LedgerSealer sealer, IOptions<LedgerOptions> options, TimeProvider timeProvider,
    ILogger<SealerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SealerEnabled)
        {
            logger.LogInformation("Ledger sealer disabled on this instance");
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SealInterval, timeProvider);
        do
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // The next round retries from the chain's head: nothing half-written survives a failed transaction.
                logger.LogWarning(ex, "Ledger sealing round failed; retrying in {Interval}", options.Value.SealInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        SealBatch batch;
        do
        {
            batch = await sealer.SealOnceAsync(cancellationToken);
            if (batch.Seq is { } seq)
            {
                logger.LogDebug("Ledger seal {Seq} covers {Count} entries", seq, batch.EntryCount);
            }
        }
        while (batch.Full && !cancellationToken.IsCancellationRequested);

        await sealer.ObserveLagAsync(cancellationToken);
    }
}
