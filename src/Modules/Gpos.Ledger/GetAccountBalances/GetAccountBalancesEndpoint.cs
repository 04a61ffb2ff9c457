using Gpos.BuildingBlocks.Http;
using Gpos.Ledger.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Gpos.Ledger.GetAccountBalances;

/// <summary>Ops: account balances derived from the journal (posted and pending, minor units).</summary>
internal static class GetAccountBalancesEndpoint
{
    public static void Map(RouteGroupBuilder ops)
    {
        ops.MapGet("/ledger/accounts", ListAsync)
            .WithName("ListLedgerBalances")
            .WithSummary("Balances of every ledger account, or of one owner's (e.g. a merchant id) with ?owner=.");
        ops.MapGet("/ledger/accounts/{code}", GetAsync)
            .WithName("GetLedgerBalance")
            .WithSummary("Balance of one ledger account by code: posted, pending, and available.");
    }

    private static async Task<Ok<IReadOnlyList<AccountBalance>>> ListAsync(string? owner, ILedgerQueries queries,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListBalancesAsync(owner, cancellationToken));

    private static async Task<Results<Ok<AccountBalance>, ProblemHttpResult>> GetAsync(string code, ILedgerQueries queries,
        CancellationToken cancellationToken) =>
        await queries.GetBalanceAsync(code, cancellationToken) is { } balance
            ? TypedResults.Ok(balance)
            : ProblemResults.NotFound($"No ledger account '{code}'.");
}
