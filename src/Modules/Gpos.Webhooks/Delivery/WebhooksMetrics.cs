using System.Diagnostics.Metrics;

namespace Gpos.Webhooks.Delivery;

/// <summary>The Webhooks module's meter ("Gpos.Webhooks", exported by the host on /metrics with the others).</summary>
internal sealed class WebhooksMetrics
{
    public const string MeterName = "Gpos.Webhooks";

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _duration;

    public WebhooksMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _attempts = meter.CreateCounter<long>("gpos.webhooks.attempts", "{attempt}",
            "Delivery attempts by outcome (delivered, gone, failed, circuitopen) and resulting status (delivered, pending, dead).");
        _duration = meter.CreateHistogram<double>("gpos.webhooks.attempt_duration", "s", "Time from sending a webhook to its answer or failure.");
    }

    public void Attempt(AttemptResult result, string status)
    {
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("status", status));
        if (result.Outcome != AttemptOutcome.CircuitOpen)
        {
            _duration.Record(result.Duration.TotalSeconds);
        }
    }
}
