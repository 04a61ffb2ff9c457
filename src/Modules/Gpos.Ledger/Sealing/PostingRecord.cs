namespace Gpos.Ledger.Sealing;

/// <summary>One posting row as stored.</summary>
internal sealed record PostingRecord(short Leg, long AccountId, string Direction, long Amount, string Currency);
