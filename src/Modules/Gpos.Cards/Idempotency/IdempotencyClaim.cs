namespace Gpos.Cards.Idempotency;

internal enum IdempotencyClaimKind
{
    Claimed,
    InFlight,
    Mismatch,
    Replay,
}

/// <summary>What claiming an idempotency key found; for a replay, the stored response.</summary>
internal sealed record IdempotencyClaim(IdempotencyClaimKind Kind, int Status, string ContentType, string Body)
{
    public static readonly IdempotencyClaim Claimed = new(IdempotencyClaimKind.Claimed, 0, "", "");
    public static readonly IdempotencyClaim InFlight = new(IdempotencyClaimKind.InFlight, 0, "", "");
    public static readonly IdempotencyClaim Mismatch = new(IdempotencyClaimKind.Mismatch, 0, "", "");
}
