using System.Collections.Concurrent;
using System.Diagnostics;
using Gpos.LoadGen.Measurement;

namespace Gpos.LoadGen.Running;

/// <summary>One operation of a scenario (e.g. a card sale and its confirmation). Exceptions count as errors by type.</summary>
internal delegate Task<OperationResult> Operation(OperationContext context, CancellationToken cancellationToken);

internal enum OperationStatus
{
    Succeeded,
    Failed,

    /// <summary>The scenario has nothing left to work on (e.g. no unpaid charge): the phase ends early.</summary>
    Exhausted,
}

internal readonly record struct OperationResult(OperationStatus Status, string? ErrorKind)
{
    public static readonly OperationResult Ok = new(OperationStatus.Succeeded, null);
    public static readonly OperationResult Exhausted = new(OperationStatus.Exhausted, null);

    public static OperationResult Fail(string kind) => new(OperationStatus.Failed, kind);
}

/// <summary>What an operation knows about itself: its number, its worker (closed loop) and when it was meant to start.</summary>
internal sealed class OperationContext(PhaseMeasurement measurement, long sequence, int worker, long startTimestamp)
{
    public long Sequence { get; } = sequence;

    /// <summary>The worker running it (closed loop), or the sequence number modulo the terminal count (open loop).</summary>
    public int Worker { get; } = worker;

    /// <summary>When it was meant to start (open loop: the schedule; closed loop: when it started), a Stopwatch timestamp.</summary>
    public long StartTimestamp { get; } = startTimestamp;

    /// <summary><see cref="StartTimestamp"/> as wall-clock time (to compare with times other processes record).</summary>
    public DateTimeOffset StartWallClock => measurement.ToWallClock(StartTimestamp);

    /// <summary>Records a step's latency from the operation's intended start until now (e.g. "sale" within sale+confirm).</summary>
    public void StepFromStart(string name) => measurement.Step(name).RecordSince(StartTimestamp);

    /// <summary>Records a step's latency from <paramref name="stepStartTimestamp"/> until now.</summary>
    public void Step(string name, long stepStartTimestamp) => measurement.Step(name).RecordSince(stepStartTimestamp);
}

/// <summary>Everything recorded during one phase (warm-up or measured).</summary>
internal sealed class PhaseMeasurement
{
    private readonly ConcurrentDictionary<string, LatencyRecorder> _steps = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _wallStart;
    private long _succeeded;
    private long _failed;
    private int _exhausted;

    public PhaseMeasurement()
    {
        StartTimestamp = Stopwatch.GetTimestamp();
        _wallStart = DateTimeOffset.UtcNow;
    }

    public long StartTimestamp { get; }

    public LatencyRecorder Latency { get; } = new();

    public ErrorTally Errors { get; } = new();

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    public bool IsExhausted => Volatile.Read(ref _exhausted) == 1;

    public LatencyRecorder Step(string name) => _steps.GetOrAdd(name, _ => new LatencyRecorder());

    public IReadOnlyDictionary<string, LatencySummary> Steps() =>
        _steps.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value.Summarize(), StringComparer.Ordinal);

    public DateTimeOffset ToWallClock(long timestamp) => _wallStart + Stopwatch.GetElapsedTime(StartTimestamp, timestamp);

    /// <summary>Records a finished operation: latency (successes only) from <paramref name="startTimestamp"/> to now.</summary>
    public void Complete(OperationResult result, long startTimestamp)
    {
        switch (result.Status)
        {
            case OperationStatus.Succeeded:
                Latency.RecordSince(startTimestamp);
                Interlocked.Increment(ref _succeeded);
                break;
            case OperationStatus.Failed:
                Errors.Add(result.ErrorKind ?? "failed");
                Interlocked.Increment(ref _failed);
                break;
            default:
                Interlocked.Exchange(ref _exhausted, 1);
                break;
        }
    }

    public void Fail(string kind)
    {
        Errors.Add(kind);
        Interlocked.Increment(ref _failed);
    }
}
