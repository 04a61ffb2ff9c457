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
    DeliveryStore store, WebhookSender sender, IOptions<WebhooksOptions> options, TimeProvider time, ILogger<DeliveryWorker> logger)
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
                var claimed = free > 0 ? await ClaimAsync(free, stoppingToken) : 0;
                if (claimed == 0 || claimed == free)
                {
                    // Idle, or every slot is busy: wait for the poll interval or for a slot to free up.
                    var delay = Task.Delay(settings.PollInterval, time, stoppingToken);
                    await (free > 0 ? delay : Task.WhenAny(_inFlight.Values.Append(delay)));
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
        List<ClaimedDelivery> claims;
        try
        {
            var busy = _perEndpoint.Where(p => p.Value >= options.Value.MaxConcurrencyPerEndpoint).Select(p => p.Key).ToArray();
            claims = await store.ClaimAsync(free, busy, stoppingToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogStoreFailed(logger, ex);
            return 0;
        }

        foreach (var claim in claims)
        {
            if (_perEndpoint.AddOrUpdate(claim.EndpointId, 1, (_, n) => n + 1) > options.Value.MaxConcurrencyPerEndpoint)
            {
                Leave(claim.EndpointId);
                await store.ReleaseAsync(claim, stoppingToken);
                continue;
            }

            _inFlight[claim.Id] = RunAsync(claim, stoppingToken);
        }

        return claims.Count;
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
