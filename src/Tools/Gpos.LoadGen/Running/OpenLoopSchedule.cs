using System.Diagnostics;

namespace Gpos.LoadGen.Running;

/// <summary>
/// The open-loop timetable: operation <c>i</c> is meant to start at <c>start + i / rate</c>, whatever happened to the
/// ones before it. Latency is measured from that intended time, so a stall that delays later sends shows up in their
/// latency instead of silently lowering the rate (no coordinated omission).
/// </summary>
internal sealed class OpenLoopSchedule
{
    private readonly double _ticksPerOperation;

    public OpenLoopSchedule(double ratePerSecond, long startTimestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        RatePerSecond = ratePerSecond;
        StartTimestamp = startTimestamp;
        _ticksPerOperation = Stopwatch.Frequency / ratePerSecond;
    }

    public double RatePerSecond { get; }

    public long StartTimestamp { get; }

    /// <summary>How many operations the schedule holds in <paramref name="duration"/> (at least one).</summary>
    public long CountWithin(TimeSpan duration) => Math.Max(1, (long)Math.Floor(duration.TotalSeconds * RatePerSecond));

    /// <summary>When operation <paramref name="sequence"/> (from 0) is meant to start, as a Stopwatch timestamp.</summary>
    public long IntendedTimestamp(long sequence) => StartTimestamp + (long)Math.Round(sequence * _ticksPerOperation);

    /// <summary>
    /// Where an operation's latency is measured from: its intended time, or when it actually started if that was earlier
    /// (the dispatcher wakes at most about a millisecond early rather than spinning).
    /// </summary>
    public static long MeasureFrom(long intendedTimestamp, long actualStartTimestamp) => Math.Min(intendedTimestamp, actualStartTimestamp);
}
