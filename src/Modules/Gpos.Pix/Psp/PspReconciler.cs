using System.Threading.Channels;
using Gpos.Pix.Charges;
using Gpos.Pix.Refunds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Pix.Psp;

/// <summary>
/// Completes charge intents the PSP never answered (timeout, open circuit, lost response) by re-PUTting the same txid:
/// safe because the PSP keys charges by txid. Also asks again for devoluções the PSP never answered, and re-queries the
/// PSP for charges whose notification was flagged.
/// </summary>
internal sealed partial class PspReconciler(
    IServiceScopeFactory scopes, NpgsqlDataSource db, PspClient psp, Channel<string> requery, IOptions<PixOptions> options, TimeProvider time,
    ILogger<PspReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeries = DrainRequeriesAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await requeries;
    }

    /// <summary>One pass over pending intents; returns how many were completed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PspBaseUrl is null)
        {
            return 0;
        }

        try
        {
            List<string> pending;
            List<RefundRecord> refunds;
            await using (var connection = await db.OpenConnectionAsync(cancellationToken))
            {
                var cutoff = time.GetUtcNow() - options.Value.ReconcileMinimumAge;
                pending = await ChargeStore.PendingAsync(connection, cutoff, cancellationToken);
                refunds = await RefundStore.AwaitingPspAsync(connection, cutoff, cancellationToken);
            }

            var completed = 0;
            await using var scope = scopes.CreateAsyncScope();
            var charges = scope.ServiceProvider.GetRequiredService<ChargeService>();
            foreach (var txid in pending)
            {
                if (await charges.CompletePendingAsync(txid, cancellationToken))
                {
                    completed++;
                    LogCompleted(logger, txid);
                }
            }

            // Devoluções the PSP never answered (timeout, open circuit): ask again; a used id at the PSP is read back.
            var refundService = scope.ServiceProvider.GetRequiredService<RefundService>();
            foreach (var refund in refunds)
            {
                if (await refundService.CompleteAwaitingAsync(refund, cancellationToken))
                {
                    completed++;
                    LogCompleted(logger, $"{refund.EndToEndId}/devolucao/{refund.Id}");
                }
            }

            return completed;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogFailed(logger, ex);
            return 0;
        }
    }

    private async Task DrainRequeriesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var txid in requery.Reader.ReadAllAsync(stoppingToken))
            {
                var answer = await psp.GetCobAsync(txid, stoppingToken);
                var pspStatus = answer.Body?["status"]?.ToString() ?? "?";
                LogRequeried(logger, txid, answer.Outcome.ToString(), pspStatus);
                await RecordRequeryAsync(txid, answer, pspStatus, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    // The PSP's view of a flagged charge, kept beside the flag for whoever resolves it (never changes the charge itself).
    private async Task RecordRequeryAsync(string txid, PspResponse answer, string pspStatus, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = db.CreateCommand("""
                INSERT INTO pix.flagged_mismatches (end_to_end_id, txid, kind, detail, payload, flagged_at)
                VALUES (NULL, @t, 'psp_requery', @d, @p::jsonb, @now)
                """);
            command.Parameters.AddWithValue("t", txid);
            command.Parameters.AddWithValue("d", $"PSP answered {answer.Outcome} with status {pspStatus}.");
            command.Parameters.AddWithValue("p", answer.Body?.ToJsonString() ?? "{}");
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(LogLevel.Information, "Reconciler completed pending charge intent {Txid}")]
    private static partial void LogCompleted(ILogger logger, string txid);

    [LoggerMessage(LogLevel.Warning, "Reconciler pass failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "Re-queried flagged charge {Txid} at the PSP: {Outcome}, PSP status {PspStatus}")]
    private static partial void LogRequeried(ILogger logger, string txid, string outcome, string pspStatus);
}
