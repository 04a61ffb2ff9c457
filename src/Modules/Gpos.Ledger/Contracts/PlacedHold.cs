namespace Gpos.Ledger.Contracts;

/// <summary>The hold for a source key; <paramref name="Created"/> is false when an earlier call already placed it.</summary>
public sealed record PlacedHold(long HoldId, bool Created);
