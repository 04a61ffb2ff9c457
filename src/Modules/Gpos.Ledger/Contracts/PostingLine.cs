namespace Gpos.Ledger.Contracts;

/// <summary>One leg of an entry: <paramref name="Amount"/> minor units (&gt; 0) debited or credited to an account.</summary>
public sealed record PostingLine(string AccountCode, BalanceSide Direction, long Amount, string Currency);
