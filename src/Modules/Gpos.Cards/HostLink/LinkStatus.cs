namespace Gpos.Cards.HostLink;

/// <summary>What ops see of the card host link.</summary>
internal sealed record LinkStatus(
    bool Connected,
    string Host,
    int Port,
    long ConnectionId,
    DateTimeOffset? ConnectedSince,
    DateTimeOffset? LastReceivedAt,
    bool SignedOn,
    int Outstanding,
    string CircuitState,
    long Reconnects,
    long UnmatchedResponses,
    long UnparseableResponses,
    long LateResponses,
    long Timeouts);
