using System.Text.Json.Nodes;
using System.Threading.Channels;
using Gpos.Pix.Charges;
using Gpos.Pix.Lifecycle;
using Gpos.Pix.Refunds;
using Gpos.Pix.Webhook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Pix.Psp;

/// <summary>
/// Completes charge intents the PSP never answered (timeout, open circuit, lost response) by re-PUTting the same txid:
/// safe because the PSP keys charges by txid; past <c>IntentAbandonAfter</c> it asks the PSP (GET) instead and completes
/// or abandons the intent. Also asks again for devoluções the PSP never answered, compares recent ATIVA charges with the
/// PSP (a lost payment webhook is recovered, a removal recorded), and re-queries the PSP for flagged charges.
/// </summary>
internal sealed partial class PspReconciler(
    IServiceScopeFactory scopes, NpgsqlDataSource db, PspClient psp, Channel<string> requery, IOptions<PixOptions> options, TimeProvider time,
    ILogger<PspReconciler> logger) : BackgroundService
{
    /// <summary>Res. BCB 1/2020 art. 39-C: a cautelar block lasts at most 72 hours.</summary>
    private static readonly TimeSpan CautelarLimit = TimeSpan.FromHours(72);

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

    /// <summary>One pass: stale intents, pending intents, unanswered devoluções, lost webhooks; returns how many were settled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PspBaseUrl is null)
        {
            return 0;
        }

        try
        {
            var settings = options.Value;
            var now = time.GetUtcNow();
            var cutoff = now - settings.ReconcileMinimumAge;
            List<string> stale, pendingBatch, active;
            List<RefundRecord> refunds;
            List<(string EndToEndId, DateTimeOffset Since)> blocked;
            await using (var connection = await db.OpenConnectionAsync(cancellationToken))
            {
                stale = await ChargeStore.PendingAsync(connection, now - settings.IntentAbandonAfter, cancellationToken);
                pendingBatch = await ChargeStore.PendingAsync(connection, cutoff, cancellationToken);
                refunds = await RefundStore.AwaitingPspAsync(connection, cutoff, cancellationToken);
                active = await ChargeStore.ActiveAsync(connection, now - settings.ReconcileLookback, cutoff, cancellationToken);
                blocked = await ReceivedPixRecord.BlockedAsync(connection, cancellationToken);
            }

            await using var scope = scopes.CreateAsyncScope();
            var charges = scope.ServiceProvider.GetRequiredService<ChargeService>();
            var refundService = scope.ServiceProvider.GetRequiredService<RefundService>();
            var completed = await CountAsync(stale, charges.AbandonOrCompleteAsync, cancellationToken);
            completed += await CompletePendingBacklogAsync(pendingBatch, stale, cutoff, charges, cancellationToken);
            // Devoluções the PSP never answered (timeout, open circuit): ask again; a used id at the PSP is read back.
            completed += await CountAsync(refunds, refundService.CompleteAwaitingAsync, cancellationToken);
            var processor = scope.ServiceProvider.GetRequiredService<ReceivedPixProcessor>();
            completed += await CountAsync(active, (txid, ct) => RecoverAsync(txid, charges, processor, ct), cancellationToken);
            completed += await CountAsync(blocked, (pix, ct) => RefreshBlockedAsync(pix.EndToEndId, pix.Since, processor, ct), cancellationToken);
            return completed;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogFailed(logger, ex);
            return 0;
        }
    }

    /// <summary>
    /// Re-PUTs pending intents a batch at a time until none is left or a batch does not finish (the PSP is unavailable
    /// again, or a request holds a txid): after an outage the whole backlog drains in one pass. With one batch per
    /// <c>ReconcileInterval</c>, the ~3,000 intents a 10-minute outage leaves took a quarter of an hour to reach the PSP
    /// (the soak, docs/reliability.md). Stale intents are left to <c>AbandonOrCompleteAsync</c>.
    /// </summary>
    private async Task<int> CompletePendingBacklogAsync(List<string> fetched, List<string> stale, DateTimeOffset cutoff, ChargeService charges,
        CancellationToken cancellationToken)
    {
        var completed = 0;
        var attempted = new HashSet<string>(stale, StringComparer.Ordinal); // each txid at most once a pass: the loop ends
        while (true)
        {
            var batch = fetched.Where(attempted.Add).ToList();
            var done = await CountAsync(batch, charges.CompletePendingAsync, cancellationToken);
            completed += done;
            if (fetched.Count < ChargeStore.PendingBatchSize || batch.Count == 0 || done < batch.Count)
            {
                return completed;
            }

            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            fetched = await ChargeStore.PendingAsync(connection, cutoff, cancellationToken);
        }
    }

    private async Task<int> CountAsync<T>(List<T> items, Func<T, CancellationToken, Task<bool>> work, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var item in items)
        {
            if (await work(item, cancellationToken))
            {
                done++;
                LogCompleted(logger, item!.ToString()!);
            }
        }

        return done;
    }

    /// <summary>
    /// A charge ATIVA here: if the PSP says it was paid (a payment webhook that never arrived) its Pix are processed as if
    /// notified; if the PSP removed it, that status is recorded here.
    /// </summary>
    private async Task<bool> RecoverAsync(string txid, ChargeService charges, ReceivedPixProcessor processor, CancellationToken cancellationToken)
    {
        var answer = await psp.GetCobAsync(txid, cancellationToken);
        var status = answer.Outcome == PspOutcome.Accepted ? answer.Body?["status"]?.GetValue<string>() : null;
        if (status == "CONCLUIDA" && answer.Body?["pix"] is JsonArray paid)
        {
            LogRecovered(logger, txid, paid.Count);
            await processor.ProcessAsync(paid.OfType<JsonObject>().ToList<JsonObject?>(), cancellationToken);

            return true;
        }

        return status is "REMOVIDA_PELO_PSP" or "REMOVIDA_PELO_USUARIO_RECEBEDOR"
            && await charges.RecordPspRemovalAsync(txid, status, cancellationToken);
    }

    /// <summary>
    /// A Pix BLOCKED here: the PSP's current picture of it is applied as a notification (a lost release or return webhook
    /// is recovered). A block older than the 72 h of Res. BCB 1/2020 art. 39-C that the PSP still holds is alerted.
    /// </summary>
    private async Task<bool> RefreshBlockedAsync(string e2eid, DateTimeOffset since, ReceivedPixProcessor processor,
        CancellationToken cancellationToken)
    {
        var answer = await psp.GetPixAsync(e2eid, cancellationToken);
        if (answer.Outcome != PspOutcome.Accepted || answer.Body is null)
        {
            return false;
        }

        await processor.ProcessAsync(answer.Body, cancellationToken);
        var stillBlocked = answer.Body["bloqueioCautelar"]?["status"]?.GetValue<string>() == "BLOQUEADO";
        if (stillBlocked && time.GetUtcNow() - since > CautelarLimit)
        {
            LogBlockOverdue(logger, e2eid, since);
        }

        return !stillBlocked;
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

    [LoggerMessage(LogLevel.Warning, "Charge {Txid} is CONCLUIDA at the PSP but ATIVA here: processing its {Count} Pix as if notified")]
    private static partial void LogRecovered(ILogger logger, string txid, int count);

    [LoggerMessage(LogLevel.Error, "ALERT Pix {EndToEndId} has been under a cautelar block since {Since}, past the 72 h limit")]
    private static partial void LogBlockOverdue(ILogger logger, string endToEndId, DateTimeOffset since);

    [LoggerMessage(LogLevel.Warning, "Reconciler pass failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "Re-queried flagged charge {Txid} at the PSP: {Outcome}, PSP status {PspStatus}")]
    private static partial void LogRequeried(ILogger logger, string txid, string outcome, string pspStatus);
}
