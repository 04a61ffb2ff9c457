namespace Gpos.Ledger.Contracts;

/// <summary>How a hold ends: posted (captured, in full or in part; the rest is released) or voided (all released).</summary>
public enum HoldOutcome
{
    Posted,
    Voided,
}
