using Gpos.BuildingBlocks.Http;
using Gpos.Ledger.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Gpos.Ledger.GetJournalEntry;

/// <summary>Ops: one journal entry with its postings and the seal covering it.</summary>
internal static class GetJournalEntryEndpoint
{
    public static void Map(RouteGroupBuilder ops) =>
        ops.MapGet("/ledger/entries/{entryId:long}", GetAsync)
            .WithName("GetLedgerEntry")
            .WithSummary("A journal entry with its postings, and the seal that covers it (null while unsealed).");

    private static async Task<Results<Ok<JournalEntryView>, ProblemHttpResult>> GetAsync(long entryId, ILedgerQueries queries,
        CancellationToken cancellationToken) =>
        await queries.GetEntryAsync(entryId, cancellationToken) is { } entry
            ? TypedResults.Ok(entry)
            : ProblemResults.NotFound($"No journal entry {entryId}.");
}
