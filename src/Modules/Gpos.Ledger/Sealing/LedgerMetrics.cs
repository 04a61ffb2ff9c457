using System.Diagnostics.Metrics;

namespace Gpos.Ledger.Sealing;

/// <summary>
/// The Ledger's meter ("Gpos.Ledger", exported by the host). Seal lag is observed as now − created_at of the oldest
/// unsealed entry, so it keeps growing if the sealer stalls instead of freezing at its last value.
/// </summary>
internal sealed class LedgerMetrics
{
    public const string MeterName = "Gpos.Ledger";

    private readonly TimeProvider _timeProvider;
    private readonly Counter<long> _entriesSealed;
    private readonly Histogram<double> _sealDelay;
    private long _oldestUnsealedUtcTicks;

    public LedgerMetrics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(MeterName);
        _entriesSealed = meter.CreateCounter<long>("gpos.ledger.entries_sealed", "{entry}", "Journal entries covered by seals.");
        _sealDelay = meter.CreateHistogram<double>("gpos.ledger.seal_delay", "s",
            "Per seal: sealed_at − created_at of the oldest entry it covers.");
        meter.CreateObservableGauge("gpos.ledger.seal_lag", () => SealLagSeconds, "s",
            "Now − created_at of the oldest unsealed journal entry (0 when all are sealed).");
    }

    public double SealLagSeconds
    {
        get
        {
            var ticks = Interlocked.Read(ref _oldestUnsealedUtcTicks);
            return ticks == 0 ? 0 : Math.Max(0, (_timeProvider.GetUtcNow().UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond);
        }
    }

    public void OldestUnsealed(DateTimeOffset? createdAt) =>
        Interlocked.Exchange(ref _oldestUnsealedUtcTicks, createdAt?.UtcTicks ?? 0);

    public void Sealed(int entries, TimeSpan oldestDelay)
    {
        _entriesSealed.Add(entries);
        _sealDelay.Record(oldestDelay.TotalSeconds);
    }
}
