using System.Security.Claims;
using FluentValidation;
using Gpos.BuildingBlocks.Http;
using Gpos.BuildingBlocks.Identity;
using Gpos.Webhooks.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gpos.Webhooks.Registration;

/// <summary>A GPOS registration: a URL and the event types it wants (<see cref="MerchantEventTypes"/>).</summary>
internal sealed record CreateEndpointRequest(string Url, string[] EventTypes);

internal sealed class CreateEndpointValidator : AbstractValidator<CreateEndpointRequest>
{
    public CreateEndpointValidator()
    {
        RuleFor(r => r.Url).NotEmpty().MaximumLength(UrlGuard.MaxUrlLength);
        // Cascade.Stop: a missing or null list fails NotEmpty and goes no further (Must on null once threw: a 500, found
        // by OpenApiFuzzTests).
        RuleFor(r => r.EventTypes).Cascade(CascadeMode.Stop).NotEmpty().Must(t => t.Length <= MerchantEventTypes.All.Count)
            .WithMessage($"At most {MerchantEventTypes.All.Count} event types.");
        RuleForEach(r => r.EventTypes).Must(MerchantEventTypes.IsKnown)
            .WithMessage((_, type) => $"Unknown event type '{type}'. Known: {string.Join(", ", MerchantEventTypes.All)}.");
    }
}

/// <summary>What the merchant sees of a registration; <c>Secret</c> only in the answer that created or rotated it.</summary>
internal sealed record EndpointResponse(Guid Id, string Kind, string? Chave, string Url, string[] EventTypes, DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt, string? DisabledReason, string? Secret = null)
{
    public static EndpointResponse From(EndpointRecord e, string? secret = null) =>
        new(e.Id, e.Kind, e.Chave, e.Url, e.EventTypes, e.CreatedAt, e.DisabledAt, e.DisabledReason, secret);
}

internal sealed record RotatedSecret(string Secret, DateTimeOffset PreviousSecretValidUntil);

/// <summary>
/// <c>/v1/webhooks/endpoints</c>: registrations for card and lifecycle events (and every registration of the merchant,
/// API Pix ones included, for secret rotation). Merchant certificates only; every lookup is scoped to the merchant.
/// </summary>
internal static class GposEndpointEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/webhooks/endpoints").RequireAuthorization(GposPolicies.Merchant).WithTags("Webhooks");
        group.MapPost("", CreateAsync).WithName("CreateWebhookEndpoint").WithSummary("Register a URL for event types; the signing secret is shown once.")
            .AddEndpointFilter(async (context, next) =>
            {
                var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<WebhooksOptions>>().Value.MaxRegistrationBytes;
                return context.HttpContext.Request.ContentLength > limit
                    ? ProblemResults.BadRequest($"The registration is larger than {limit} bytes.")
                    : await next(context);
            });
        group.MapGet("", ListAsync).WithName("ListWebhookEndpoints").WithSummary("The merchant's registrations (GPOS and API Pix).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWebhookEndpoint");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhookEndpoint");
        group.MapPost("/{id:guid}/secret", RotateAsync).WithName("RotateWebhookSecret")
            .WithSummary("A new signing secret; the previous one keeps signing (a second signature) during the overlap.");
    }

    private static async Task<IResult> CreateAsync(CreateEndpointRequest request, ClaimsPrincipal user, EndpointStore store, UrlGuard guard,
        CancellationToken cancellationToken)
    {
        if (await guard.CheckAsync(request.Url, cancellationToken) is { } error)
        {
            return ProblemResults.BadRequest(error);
        }

        var (endpoint, secret) = await store.CreateAsync(user.RequireMerchantScope(), request.Url, request.EventTypes.Distinct(StringComparer.Ordinal).ToArray(),
            cancellationToken);
        return TypedResults.Created($"/v1/webhooks/endpoints/{endpoint.Id}", EndpointResponse.From(endpoint, secret));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, EndpointStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(user.RequireMerchantScope(), null, cancellationToken)).Select(e => EndpointResponse.From(e)));

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, EndpointStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.RequireMerchantScope(), id, null, cancellationToken) is { } endpoint
            ? TypedResults.Ok(EndpointResponse.From(endpoint))
            : ProblemResults.NotFound("No such webhook endpoint.");

    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, EndpointStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(user.RequireMerchantScope(), id, cancellationToken)
            ? TypedResults.NoContent()
            : ProblemResults.NotFound("No such webhook endpoint.");

    private static async Task<IResult> RotateAsync(Guid id, ClaimsPrincipal user, EndpointStore store, IOptions<WebhooksOptions> options,
        TimeProvider time, CancellationToken cancellationToken) =>
        await store.RotateAsync(user.RequireMerchantScope(), id, cancellationToken) is { } secret
            ? TypedResults.Ok(new RotatedSecret(secret, time.GetUtcNow() + options.Value.SecretRotationOverlap))
            : ProblemResults.NotFound("No such webhook endpoint.");
}
