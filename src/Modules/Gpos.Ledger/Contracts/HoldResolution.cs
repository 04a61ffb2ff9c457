namespace Gpos.Ledger.Contracts;

/// <summary>A hold's resolution: the posted amount (0 when voided) and the journal entry it wrote, if any.</summary>
public sealed record HoldResolution(long HoldId, HoldOutcome Outcome, long PostedAmount, long? EntryId);
