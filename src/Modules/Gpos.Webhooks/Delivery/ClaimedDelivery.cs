namespace Gpos.Webhooks.Delivery;

/// <summary>
/// A delivery this instance holds a lease on (<see cref="LeaseUntil"/>, stored as its <c>next_attempt_at</c>): the lease is
/// also the token that lets only this instance record the attempt's result.
/// </summary>
internal sealed record ClaimedDelivery(
    long Id,
    int Attempts,
    DateTimeOffset DueAt,
    DateTimeOffset LeaseUntil,
    Guid EndpointId,
    string Kind,
    string Url,
    string[] Secrets,
    Guid EventId,
    string EventType,
    string ResourceType,
    string ResourceId,
    long Sequence,
    string MerchantId,
    string State,
    string? PixItem,
    DateTimeOffset OccurredAt);
