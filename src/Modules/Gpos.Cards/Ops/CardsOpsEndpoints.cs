using Gpos.BuildingBlocks.Identity;
using Gpos.Cards.HostLink;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Gpos.Cards.Ops;

/// <summary>Ops views: the card host link and circuit, and the store-and-forward queue of reversals.</summary>
internal static class CardsOpsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var ops = endpoints.MapGroup("/ops/v1/cards").WithTags("Ops: cards").RequireAuthorization(GposPolicies.Ops);
        ops.MapGet("/link", (CardHostChannel channel) => TypedResults.Ok(channel.Status))
            .WithName("GetCardHostLink").WithSummary("Card host link status, circuit state and counters.");
        ops.MapGet("/reversals", ListReversalsAsync)
            .WithName("ListCardReversals").WithSummary("The store-and-forward queue (pending=true: not yet acknowledged).");
    }

    private static async Task<IResult> ListReversalsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken,
        bool pending = false)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT v.reversal_id, v.sale_id, v.reason, v.queued_at, q.attempts, q.next_attempt_at, q.completed_at, a.terminal_id, a.amount
            FROM cards.reversals v
            JOIN cards.saf_queue q ON q.reversal_id = v.reversal_id
            JOIN cards.authorizations a ON a.sale_id = v.sale_id
            WHERE NOT $1 OR q.completed_at IS NULL
            ORDER BY v.queued_at DESC
            LIMIT 500
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = pending });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<ReversalView>();
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(Read(r));
        }

        return TypedResults.Ok(items);
    }

    private static ReversalView Read(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetInt32(4),
            r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.GetInt64(8));
}

internal sealed record ReversalView(Guid ReversalId, Guid SaleId, string Reason, DateTimeOffset QueuedAt, int Attempts,
    DateTimeOffset NextAttemptAt, DateTimeOffset? AcknowledgedAt, string TerminalId, long Amount);
