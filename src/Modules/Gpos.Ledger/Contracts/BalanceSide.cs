namespace Gpos.Ledger.Contracts;

/// <summary>A posting's direction, and an account's normal balance side.</summary>
public enum BalanceSide
{
    Debit,
    Credit,
}
