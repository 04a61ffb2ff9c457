using System.Diagnostics.Metrics;

namespace Gpos.Cards.HostLink;

/// <summary>The Cards module's meter ("Gpos.Cards", exported by the host with the others).</summary>
internal sealed class CardsMetrics
{
    public const string MeterName = "Gpos.Cards";

    private readonly Counter<long> _authorizations;
    private readonly Counter<long> _safAttempts;
    private readonly Counter<long> _safFlagged;
    private readonly Counter<long> _hostMessagesRejected;

    public CardsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _authorizations = meter.CreateCounter<long>("gpos.cards.authorizations", "{authorization}",
            "Authorizations by outcome (approved, declined, unknown).");
        _safAttempts = meter.CreateCounter<long>("gpos.cards.saf_attempts", "{attempt}",
            "Store-and-forward sends (reversals, completions) by outcome (acknowledged, refused, timeout, connection-lost, not-sent).");
        _safFlagged = meter.CreateCounter<long>("gpos.cards.saf_flagged", "{item}",
            "Store-and-forward items flagged for manual intervention after too many attempts.");
        _hostMessagesRejected = meter.CreateCounter<long>("gpos.cards.host_messages_rejected", "{message}",
            "Card host messages that did not parse or matched no outstanding request (reason).");
    }

    public void Authorization(string outcome) => _authorizations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SafAttempt(string kind, string outcome) => _safAttempts.Add(1,
        new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public void SafFlagged(string kind) => _safFlagged.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void HostMessageRejected(string reason) =>
        _hostMessagesRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
