namespace Gpos.Ledger.Contracts;

/// <summary>An account as stored.</summary>
public sealed record LedgerAccount(long Id, string Code, AccountType Type, string? Owner, string Currency,
    BalanceSide NormalSide, DateTimeOffset CreatedAt);
