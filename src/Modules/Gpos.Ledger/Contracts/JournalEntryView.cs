namespace Gpos.Ledger.Contracts;

/// <summary>A journal entry with its postings, and the seal that covers it (null while not yet sealed).</summary>
public sealed record JournalEntryView(long Id, SourceKey Source, string Description, DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt, long? SealSeq, IReadOnlyList<PostingView> Postings);
