using System.Diagnostics;
using HdrHistogram;

namespace Gpos.LoadGen.Measurement;

/// <summary>
/// Latencies of one measured phase in an HdrHistogram (microseconds, 3 significant digits, up to 10 minutes), safe to
/// record into from any number of concurrent operations.
/// </summary>
internal sealed class LatencyRecorder
{
    /// <summary>Longest latency the histogram tracks; longer ones are recorded as this value.</summary>
    public const long HighestTrackableMicroseconds = 600_000_000;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestTrackableMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    public void Record(TimeSpan latency) => RecordMicroseconds((long)latency.TotalMicroseconds);

    /// <summary>Records the time from <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp) until now.</summary>
    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    public void RecordMicroseconds(long microseconds) =>
        _histogram.RecordValue(Math.Clamp(microseconds, 1, HighestTrackableMicroseconds));

    public LatencySummary Summarize() => LatencySummary.From(_histogram);
}

/// <summary>Latency percentiles of a phase in milliseconds (HdrHistogram values: each within 0.1 % of the recorded one).</summary>
internal sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
        return new LatencySummary(histogram.TotalCount,
            Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(90)), Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)), Ms(histogram.GetMaxValue()), Math.Round(histogram.GetMean() / 1000.0, 3));
    }
}
