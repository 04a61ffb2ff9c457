using System.Security.Claims;
using Gpos.BuildingBlocks.Http;
using Gpos.BuildingBlocks.Identity;
using Gpos.Webhooks.Registration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gpos.Webhooks.Ops;

/// <summary>A time range of deliveries to replay (by creation time), optionally only those with one status (default: dead).</summary>
internal sealed record ReplayRangeRequest(DateTimeOffset From, DateTimeOffset To, string? Status, Guid? EndpointId);

/// <summary>
/// Ops (Ops policy): deliveries by status, one delivery with its attempts and truncated responses, replay of one message or a
/// time range, re-enabling an endpoint disabled by a 410.
/// </summary>
internal static class WebhookOpsEndpoints
{
    private static readonly string[] Statuses = ["pending", "delivered", "dead"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/ops/v1/webhooks").RequireAuthorization(GposPolicies.Ops).WithTags("Ops: Webhooks");
        group.MapGet("/deliveries", ListAsync).WithName("OpsListWebhookDeliveries").WithSummary("Deliveries by status (newest first).");
        group.MapGet("/deliveries/{id:long}", GetAsync).WithName("OpsGetWebhookDelivery").WithSummary("One delivery with its attempts.");
        group.MapPost("/deliveries/{id:long}/replay", ReplayOneAsync).WithName("OpsReplayWebhookDelivery")
            .WithSummary("Send one message again (same webhook-id), with a fresh retry schedule.");
        group.MapPost("/replays", ReplayRangeAsync).WithName("OpsReplayWebhookRange")
            .WithSummary("Send again every delivery created in [from, to] (dead ones unless a status is given).");
        group.MapPost("/endpoints/{id:guid}/enable", EnableAsync).WithName("OpsEnableWebhookEndpoint")
            .WithSummary("Re-enable an endpoint disabled by a 410; its pending deliveries resume.");
    }

    private static async Task<IResult> ListAsync(string? status, string? merchantId, int? limit, OpsQueries queries, CancellationToken cancellationToken)
    {
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return ProblemResults.BadRequest("status must be one of: " + string.Join(", ", Statuses) + ".");
        }

        if (limit is < 1 or > 1000)
        {
            return ProblemResults.BadRequest("limit must be between 1 and 1000.");
        }

        return TypedResults.Ok(await queries.ListAsync(status, merchantId, limit ?? 100, cancellationToken));
    }

    private static async Task<IResult> GetAsync(long id, OpsQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { } delivery
            ? TypedResults.Ok(delivery)
            : ProblemResults.NotFound("No such delivery.");

    private static async Task<IResult> ReplayOneAsync(long id, ClaimsPrincipal user, OpsQueries queries, CancellationToken cancellationToken) =>
        await queries.ReplayAsync(user.RequireCaller().Urn, id, null, cancellationToken) == 1
            ? TypedResults.Accepted($"/ops/v1/webhooks/deliveries/{id}")
            : ProblemResults.NotFound("No such delivery.");

    private static async Task<IResult> ReplayRangeAsync(ReplayRangeRequest request, ClaimsPrincipal user, OpsQueries queries,
        CancellationToken cancellationToken)
    {
        if (request.To < request.From)
        {
            return ProblemResults.BadRequest("to must not be earlier than from.");
        }

        if (request.Status is not null && !Statuses.Contains(request.Status, StringComparer.Ordinal))
        {
            return ProblemResults.BadRequest("status must be one of: " + string.Join(", ", Statuses) + ".");
        }

        var count = await queries.ReplayAsync(user.RequireCaller().Urn, null, request, cancellationToken);
        return TypedResults.Ok(new { replayed = count });
    }

    private static async Task<IResult> EnableAsync(Guid id, EndpointStore store, CancellationToken cancellationToken) =>
        await store.EnableAsync(id, cancellationToken) ? TypedResults.NoContent() : ProblemResults.NotFound("No such webhook endpoint.");
}
