namespace Gpos.Ledger.Contracts;

/// <summary>An entry to post: at least two legs whose debits equal their credits in every currency.</summary>
public sealed record JournalEntryRequest(SourceKey Source, string Description, DateTimeOffset OccurredAt,
    IReadOnlyList<PostingLine> Postings);
