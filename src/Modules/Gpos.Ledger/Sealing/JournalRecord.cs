namespace Gpos.Ledger.Sealing;

/// <summary>An entry exactly as stored, with its postings: what a seal covers.</summary>
internal sealed record JournalRecord(long Id, string Module, string SourceId, string EventKind, string Description,
    DateTimeOffset OccurredAt, DateTimeOffset CreatedAt, List<PostingRecord> Postings)
{
    /// <summary>At least two legs and debits = credits per currency (what the commit-time trigger enforces).</summary>
    public string? BalanceProblem()
    {
        if (Postings.Count < 2)
        {
            return $"{Postings.Count} posting(s), at least 2 required";
        }

        foreach (var group in Postings.GroupBy(p => p.Currency, StringComparer.Ordinal))
        {
            var sum = group.Sum(p => p.Direction == "debit" ? (decimal)p.Amount : -(decimal)p.Amount);
            if (sum != 0 || group.Any(p => p.Amount <= 0))
            {
                return $"debits - credits = {sum} in {group.Key}";
            }
        }

        return null;
    }
}
