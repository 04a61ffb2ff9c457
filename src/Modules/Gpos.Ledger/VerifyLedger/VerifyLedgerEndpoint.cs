using Gpos.Ledger.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Gpos.Ledger.VerifyLedger;

/// <summary>
/// Ops: recompute the seal chain, every entry's balance and the projection. A broken ledger is still a successful
/// verification, so the answer is 200 with <c>ok: false</c> and the first broken link.
/// </summary>
internal static class VerifyLedgerEndpoint
{
    public static void Map(RouteGroupBuilder ops) =>
        ops.MapGet("/ledger/verify", VerifyAsync)
            .WithName("VerifyLedger")
            .WithSummary("Recompute the seal chain and balances; report ok or the first broken link (seal, entry, what differs).");

    private static async Task<Ok<LedgerVerification>> VerifyAsync(ILedgerVerifier verifier, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verifier.VerifyAsync(cancellationToken));
}
