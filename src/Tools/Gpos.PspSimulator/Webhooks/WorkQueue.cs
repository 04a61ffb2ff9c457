using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Gpos.PspSimulator.Webhooks;

/// <summary>
/// Delayed background work (webhook deliveries, refund settlements), owned by a hosted service so nothing is
/// fire-and-forget: on stop every item is cancelled and awaited. <see cref="CancelPending"/> (control reset) cancels
/// whatever is waiting or running.
/// </summary>
internal sealed class WorkQueue(TimeProvider clock, ILogger<WorkQueue> logger) : BackgroundService
{
    private readonly Channel<(TimeSpan Delay, Func<CancellationToken, Task> Work)> _channel =
        Channel.CreateUnbounded<(TimeSpan, Func<CancellationToken, Task>)>();

    private readonly ConcurrentDictionary<long, Task> _running = new();
    private CancellationTokenSource _generation = new();
    private long _nextId;

    public void Enqueue(TimeSpan delay, Func<CancellationToken, Task> work) => _channel.Writer.TryWrite((delay, work));

    public void CancelPending()
    {
        var old = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        old.Cancel();
    }

    public override void Dispose()
    {
        _generation.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (delay, work) in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                var id = Interlocked.Increment(ref _nextId);
                _running[id] = RunAsync(id, delay, work, _generation.Token, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task RunAsync(long id, TimeSpan delay, Func<CancellationToken, Task> work, CancellationToken generation, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(generation, stopping);
        try
        {
            await Task.Yield();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock, linked.Token);
            }

            await work(linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // reset or shutdown
        }
#pragma warning disable CA1031 // one failed work item must not stop the queue; it is logged
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Background work failed");
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }
}
