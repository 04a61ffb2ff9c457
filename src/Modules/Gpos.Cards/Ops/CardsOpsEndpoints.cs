using System.Security.Claims;
using Gpos.BuildingBlocks.Http;
using Gpos.BuildingBlocks.Identity;
using Gpos.Cards.HostLink;
using Gpos.Cards.Saf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Gpos.Cards.Ops;

/// <summary>
/// Ops views: the card host link and circuit, and the store-and-forward queues (reversals, completion advices) with the
/// items flagged for manual intervention, which ops can re-queue.
/// </summary>
internal static class CardsOpsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var ops = endpoints.MapGroup("/ops/v1/cards").WithTags("Ops: cards").RequireAuthorization(GposPolicies.Ops);
        ops.MapGet("/link", (CardHostChannel channel) => TypedResults.Ok(channel.Status))
            .WithName("GetCardHostLink").WithSummary("Card host link status, circuit state and counters.");
        foreach (var (path, queue) in new[] { ("reversals", SafQueue.Reversals), ("completions", SafQueue.Completions) })
        {
            var name = char.ToUpperInvariant(queue.Kind[0]) + queue.Kind[1..];
            ops.MapGet("/" + path, (NpgsqlDataSource dataSource, CancellationToken cancellationToken, bool pending = false,
                    bool flagged = false) => ListAsync(queue, dataSource, pending, flagged, cancellationToken))
                .WithName($"ListCard{name}Queue")
                .WithSummary($"The {queue.Kind} store-and-forward queue (pending=true: not yet acknowledged; flagged=true: waiting for ops).");
            ops.MapPost($"/{path}/{{id:guid}}/requeue", (Guid id, ClaimsPrincipal user, SafInterventions interventions,
                    NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
                    RequeueAsync(queue, id, user, interventions, dataSource, cancellationToken))
                .WithName($"RequeueCard{name}").WithSummary($"Sends a {queue.Kind} flagged for manual intervention again.");
        }
    }

    private static async Task<IResult> ListAsync(SafQueue queue, NpgsqlDataSource dataSource, bool pending, bool flagged,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Select(queue) + """

            WHERE (NOT $1 OR q.completed_at IS NULL) AND (NOT $2 OR q.flagged_at IS NOT NULL)
            ORDER BY 4 DESC
            LIMIT 500
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = pending });
        command.Parameters.Add(new NpgsqlParameter { Value = flagged });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<SafItemView>();
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(Read(r));
        }

        return TypedResults.Ok(items);
    }

    private static async Task<IResult> RequeueAsync(SafQueue queue, Guid id, ClaimsPrincipal user, SafInterventions interventions,
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var actor = user.GetCaller()?.Id ?? "ops";
        return await interventions.RequeueAsync(queue, id, actor, cancellationToken) switch
        {
            SafInterventions.RequeueResult.NotFound => ProblemResults.NotFound($"No such {queue.Kind} in the store-and-forward queue."),
            SafInterventions.RequeueResult.NotFlagged => ProblemResults.Conflict(
                $"The {queue.Kind} is not flagged for manual intervention (acknowledged, or still being retried)."),
            _ => TypedResults.Ok(await FindAsync(queue, id, dataSource, cancellationToken)),
        };
    }

    private static async Task<SafItemView?> FindAsync(SafQueue queue, Guid id, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Select(queue) + $"\nWHERE q.{queue.IdColumn} = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? Read(r) : null;
    }

    private static string Select(SafQueue queue) => $"""
        SELECT '{queue.Kind}', q.{queue.IdColumn}, v.sale_id, {queue.QueuedAtColumn}, {queue.Reason}, q.attempts, q.strikes,
               q.next_attempt_at, q.completed_at, q.flagged_at, a.terminal_id, {queue.AmountColumn}
        {queue.ItemSelect}
        """;

    private static SafItemView Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetGuid(1), r.GetGuid(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4), r.GetInt32(5),
            r.GetInt32(6), r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetString(10), r.GetInt64(11));
}

/// <summary>
/// A store-and-forward item as ops see it. <c>Strikes</c>: attempts since it was queued or re-queued; <c>FlaggedAt</c> set
/// (and <c>NeedsIntervention</c> true) once it reached the retry limit and stopped being sent.
/// </summary>
internal sealed record SafItemView(string Kind, Guid Id, Guid SaleId, DateTimeOffset QueuedAt, string Reason, int Attempts,
    int Strikes, DateTimeOffset NextAttemptAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? FlaggedAt, string TerminalId,
    long Amount)
{
    public bool NeedsIntervention => FlaggedAt is not null;
}
