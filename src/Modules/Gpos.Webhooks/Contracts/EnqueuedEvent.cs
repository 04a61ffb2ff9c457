namespace Gpos.Webhooks.Contracts;

/// <summary>What the outbox recorded: the event id (the <c>webhook-id</c> its deliveries carry), its per-resource sequence and how many deliveries it fanned out to.</summary>
public sealed record EnqueuedEvent(Guid EventId, long Sequence, int Deliveries);
