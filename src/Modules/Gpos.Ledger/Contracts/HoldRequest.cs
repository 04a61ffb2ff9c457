namespace Gpos.Ledger.Contracts;

/// <summary>A pending amount: reserved from <paramref name="DebitAccountCode"/> to <paramref name="CreditAccountCode"/>.</summary>
public sealed record HoldRequest(SourceKey Source, HoldKind Kind, string DebitAccountCode, string CreditAccountCode,
    long Amount, string Currency, string Description, DateTimeOffset OccurredAt);
