using System.Diagnostics;
using Gpos.LoadGen.Measurement;

namespace Gpos.LoadGen.Running;

/// <summary>What one measured phase produced.</summary>
internal sealed record PhaseResult(
    TimeSpan Elapsed,
    long Succeeded,
    long Failed,
    LatencySummary Latency,
    IReadOnlyDictionary<string, LatencySummary> Steps,
    IReadOnlyDictionary<string, long> Errors,
    bool EndedEarly)
{
    public double SucceededPerSecond => Elapsed > TimeSpan.Zero ? Succeeded / Elapsed.TotalSeconds : 0;
}

/// <summary>Runs an operation under a <see cref="LoadShape"/> for a duration and measures it.</summary>
internal static class LoadRunner
{
    /// <summary>A warm-up phase (discarded) followed by the measured phase.</summary>
    public static async Task<PhaseResult> RunAsync(Operation operation, LoadShape shape, TimeSpan warmUp, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await RunPhaseAsync(operation, shape, warmUp, cancellationToken);
        }

        return await RunPhaseAsync(operation, shape, duration, cancellationToken);
    }

    public static async Task<PhaseResult> RunPhaseAsync(Operation operation, LoadShape shape, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(shape);
        var measurement = new PhaseMeasurement();
        if (shape.RatePerSecond is { } rate)
        {
            await RunOpenLoopAsync(operation, new OpenLoopSchedule(rate, measurement.StartTimestamp), shape.Concurrency, duration, measurement,
                cancellationToken);
        }
        else
        {
            await RunClosedLoopAsync(operation, shape.Concurrency, duration, measurement, cancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(measurement.StartTimestamp);
        return new PhaseResult(elapsed, measurement.Succeeded, measurement.Failed, measurement.Latency.Summarize(), measurement.Steps(),
            measurement.Errors.Snapshot(), measurement.IsExhausted);
    }

    private static async Task RunClosedLoopAsync(Operation operation, int concurrency, TimeSpan duration, PhaseMeasurement measurement,
        CancellationToken cancellationToken)
    {
        long sequence = -1;
        var deadline = measurement.StartTimestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline && !measurement.IsExhausted && !cancellationToken.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                await RunOneAsync(operation, new OperationContext(measurement, Interlocked.Increment(ref sequence), worker, start), measurement,
                    cancellationToken);
            }
        }, CancellationToken.None)));
    }

    private static async Task RunOpenLoopAsync(Operation operation, OpenLoopSchedule schedule, int maxInFlight, TimeSpan duration,
        PhaseMeasurement measurement, CancellationToken cancellationToken)
    {
        var count = schedule.CountWithin(duration);
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        var running = new List<Task>();
        for (long i = 0; i < count && !measurement.IsExhausted && !cancellationToken.IsCancellationRequested; i++)
        {
            var intended = schedule.IntendedTimestamp(i);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), intended);
            if (wait >= TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, CancellationToken.None);
            }

            // Saturated: this send waits for a slot, and the wait counts in its latency (measured from the intended time).
            await slots.WaitAsync(CancellationToken.None);
            var from = OpenLoopSchedule.MeasureFrom(intended, Stopwatch.GetTimestamp());
            var context = new OperationContext(measurement, i, (int)(i % maxInFlight), from);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await RunOneAsync(operation, context, measurement, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
            if (running.Count >= 4096)
            {
                running.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(running);
    }

    private static async Task RunOneAsync(Operation operation, OperationContext context, PhaseMeasurement measurement,
        CancellationToken cancellationToken)
    {
        OperationResult result;
        try
        {
            result = await operation(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // every failure of an operation is a result to count, never a reason to stop the run
        catch (Exception exception)
#pragma warning restore CA1031
        {
            result = OperationResult.Fail(ErrorTally.KindOf(exception));
        }

        measurement.Complete(result, context.StartTimestamp);
    }
}
