namespace Gpos.Cards.Idempotency;

internal enum IdempotencyClaimKind
{
    InFlight,
    Mismatch,
    Replay,
}

/// <summary>What an earlier request left under a taken idempotency key; for a replay, the stored response.</summary>
internal sealed record IdempotencyClaim(IdempotencyClaimKind Kind, int Status, string ContentType, string Body)
{
    public static readonly IdempotencyClaim InFlight = new(IdempotencyClaimKind.InFlight, 0, "", "");
    public static readonly IdempotencyClaim Mismatch = new(IdempotencyClaimKind.Mismatch, 0, "", "");
}
