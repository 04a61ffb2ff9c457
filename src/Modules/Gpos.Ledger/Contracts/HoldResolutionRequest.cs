namespace Gpos.Ledger.Contracts;

/// <summary>
/// Resolves the hold placed with <paramref name="Hold"/>. <paramref name="Amount"/> is the captured amount for
/// <see cref="HoldOutcome.Posted"/> (null: the whole hold) and ignored for <see cref="HoldOutcome.Voided"/>. A posted
/// resolution writes a journal entry whose source key is the hold's with <c>:posted</c> appended to the event kind.
/// </summary>
public sealed record HoldResolutionRequest(SourceKey Hold, HoldOutcome Outcome, long? Amount, string Description,
    DateTimeOffset OccurredAt);
