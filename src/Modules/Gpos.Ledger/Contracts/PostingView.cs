namespace Gpos.Ledger.Contracts;

/// <summary>One stored leg of an entry.</summary>
public sealed record PostingView(int Leg, string AccountCode, BalanceSide Direction, long Amount, string Currency);
