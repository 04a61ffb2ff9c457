using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Webhooks.Delivery;

/// <summary>
/// Delivers due webhooks in every instance: claims as many as it has free slots (<see cref="WebhooksOptions.MaxConcurrency"/>),
/// at most <see cref="WebhooksOptions.MaxConcurrencyPerEndpoint"/> per endpoint, sends each on its own task with a per-attempt
/// timeout, records the result. A slow endpoint holds at most its own slots for at most one timeout, so it never stalls the rest.
/// </summary>
internal sealed partial class DeliveryWorker(
    DeliveryStore store, WebhookSender sender, WebhooksMetrics metrics, IOptions<WebhooksOptions> options, TimeProvider time, ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    private readonly ConcurrentDictionary<Guid, int> _perEndpoint = new();
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DeliveryEnabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var (id, task) in _inFlight)
                {
                    if (task.IsCompleted)
                    {
                        _inFlight.TryRemove(id, out _);
                    }
                }

                var free = settings.MaxConcurrency - _inFlight.Count;
                if (free <= 0)
                {
                    // Every slot is busy: go on as soon as one frees up (or after the poll interval).
                    await Task.WhenAny(_inFlight.Values.Append(Task.Delay(settings.PollInterval, time, stoppingToken)));
                    continue;
                }

                if (await ClaimAsync(free, stoppingToken) < free)
                {
                    await Task.Delay(settings.PollInterval, time, stoppingToken); // nothing more is due now
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: let in-flight attempts finish (each is bounded by the attempt timeout)
        }

        await Task.WhenAll(_inFlight.Values);
    }

    private async Task<int> ClaimAsync(int free, CancellationToken stoppingToken)
    {
        try
        {
            var busy = _perEndpoint.Where(p => p.Value >= options.Value.MaxConcurrencyPerEndpoint).Select(p => p.Key).ToArray();
            var claims = await store.ClaimAsync(free, busy, stoppingToken);
            foreach (var claim in claims)
            {
                if (_perEndpoint.AddOrUpdate(claim.EndpointId, 1, (_, n) => n + 1) > options.Value.MaxConcurrencyPerEndpoint)
                {
                    Leave(claim.EndpointId);
                    await store.ReleaseAsync(claim, stoppingToken); // if this fails, the lease simply runs out
                    continue;
                }

                _inFlight[claim.Id] = RunAsync(claim, stoppingToken);
            }

            return claims.Count;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogStoreFailed(logger, ex);
            return 0;
        }
    }

    private async Task RunAsync(ClaimedDelivery claim, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the claim loop goes on while this attempt runs (finished tasks are pruned by the loop)
        try
        {
            var startedAt = time.GetUtcNow();
            var result = await sender.SendAsync(claim, stoppingToken);
            // Record even while stopping: the POST happened, its result must not be lost.
            var status = await store.RecordAsync(claim, result, startedAt, _instance, CancellationToken.None);
            metrics.Attempt(result, status);
            LogAttempt(logger, WebhookMessage.MessageId(claim), claim.EndpointId, claim.Attempts + 1, result.HttpStatus, result.Outcome, status);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping before an answer: the lease runs out and another instance (or the next start) retries
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or HttpRequestException)
        {
            LogStoreFailed(logger, ex);
        }
        finally
        {
            Leave(claim.EndpointId);
        }
    }

    private void Leave(Guid endpointId) => _perEndpoint.AddOrUpdate(endpointId, 0, (_, n) => Math.Max(0, n - 1));

    [LoggerMessage(LogLevel.Information, "Webhook {MessageId} to endpoint {EndpointId}, attempt {Attempt}: HTTP {HttpStatus} {Outcome} -> {Status}")]
    private static partial void LogAttempt(ILogger logger, string messageId, Guid endpointId, int attempt, int? httpStatus, AttemptOutcome outcome,
        string status);

    [LoggerMessage(LogLevel.Warning, "Webhook delivery store unavailable")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
