using System.Diagnostics.Metrics;

namespace Gpos.Cards.HostLink;

/// <summary>The Cards module's meter ("Gpos.Cards", exported by the host with the others).</summary>
internal sealed class CardsMetrics
{
    public const string MeterName = "Gpos.Cards";

    private readonly Counter<long> _authorizations;
    private readonly Counter<long> _reversalAttempts;
    private readonly Counter<long> _hostMessagesRejected;

    public CardsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _authorizations = meter.CreateCounter<long>("gpos.cards.authorizations", "{authorization}",
            "Authorizations by outcome (approved, declined, unknown).");
        _reversalAttempts = meter.CreateCounter<long>("gpos.cards.reversal_attempts", "{attempt}",
            "Reversal sends by outcome (acknowledged, refused, timeout, connection-lost, not-sent).");
        _hostMessagesRejected = meter.CreateCounter<long>("gpos.cards.host_messages_rejected", "{message}",
            "Card host messages that did not parse or matched no outstanding request (reason).");
    }

    public void Authorization(string outcome) => _authorizations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ReversalAttempt(string outcome) => _reversalAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void HostMessageRejected(string reason) =>
        _hostMessagesRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
