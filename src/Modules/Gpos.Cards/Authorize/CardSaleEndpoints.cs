using System.Security.Claims;
using Gpos.BuildingBlocks.Identity;
using Gpos.Cards.CompletePreauthorization;
using Gpos.Cards.Idempotency;
using Gpos.Cards.Sales;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Gpos.Cards.Authorize;

/// <summary>Terminal API for card sales (mTLS, policy Terminal). Mutating calls require an Idempotency-Key.</summary>
internal static class CardSaleEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var card = endpoints.MapGroup("/v1/card").WithTags("Cards").RequireAuthorization(GposPolicies.Terminal);
        card.MapPost("/sales", (HttpContext http, ClaimsPrincipal user, CardAuthorizationRequest request,
                IdempotentExecution idempotent, AuthorizeCardService service) =>
                AuthorizeAsync("sale", http, user, request, idempotent, service))
            .WithName("CreateCardSale").WithSummary("Purchase (ISO 8583 0200); approved sales stay pending until confirmed.");
        card.MapPost("/preauthorizations", (HttpContext http, ClaimsPrincipal user, CardAuthorizationRequest request,
                IdempotentExecution idempotent, AuthorizeCardService service) =>
                AuthorizeAsync("preauthorization", http, user, request, idempotent, service))
            .WithName("CreateCardPreauthorization").WithSummary("Pre-authorization (ISO 8583 0100).");
        card.MapPost("/sales/{id:guid}/confirmation", (HttpContext http, ClaimsPrincipal user, Guid id, IdempotentExecution idempotent,
                SaleCommands commands) =>
                DecideAsync("confirm", http, user, id, idempotent, commands.ConfirmAsync))
            .WithName("ConfirmCardSale").WithSummary("Confirms an approved sale (receipt printed).");
        card.MapPost("/sales/{id:guid}/undo", (HttpContext http, ClaimsPrincipal user, Guid id, IdempotentExecution idempotent,
                SaleCommands commands) =>
                DecideAsync("undo", http, user, id, idempotent, commands.UndoAsync))
            .WithName("UndoCardSale").WithSummary("Undoes an approved, unconfirmed sale (reversal).");
        card.MapPost("/sales/{id:guid}/void", (HttpContext http, ClaimsPrincipal user, Guid id, IdempotentExecution idempotent,
                SaleCommands commands) =>
                DecideAsync("void", http, user, id, idempotent, commands.VoidAsync))
            .WithName("VoidCardSale").WithSummary("Voids a confirmed sale (reversal).");
        card.MapPost("/preauthorizations/{id:guid}/completion", (HttpContext http, ClaimsPrincipal user, Guid id,
                CompletionRequest request, IdempotentExecution idempotent, SaleCommands commands) =>
                DecideAsync("completion", http, user, id, idempotent,
                    (tx, caller, saleId, token) => commands.CompleteAsync(tx, caller, saleId, request.Amount, token),
                    IdempotentCall.Serialize(request), "preauthorizations"))
            .WithName("CompleteCardPreauthorization")
            .WithSummary("Completes an approved pre-authorization (ISO 8583 0220 advice) for at most the authorized amount.");
        card.MapGet("/sales/{id:guid}", GetAsync).WithName("GetCardSale");
        card.MapGet("/sales", ListAsync).WithName("ListCardSales");
    }

    private static async Task<IResult> AuthorizeAsync(string kind, HttpContext http, ClaimsPrincipal user, CardAuthorizationRequest request,
        IdempotentExecution idempotent, AuthorizeCardService service)
    {
        var caller = user.RequireCaller();
        user.RequireMerchantScope();
        if (!idempotent.TryBegin(http, caller.Id, "POST /v1/card/" + kind, IdempotentCall.Serialize(request), out var call, out var problem))
        {
            return problem;
        }

        return await service.AuthorizeAsync(kind, caller, request, call, http.RequestAborted)
            ? call.Response
            : await idempotent.AnswerTakenAsync(http, call);
    }

    private static Task<IResult> DecideAsync(string operation, HttpContext http, ClaimsPrincipal user, Guid id,
        IdempotentExecution idempotent,
        Func<NpgsqlTransaction, CallerIdentity, Guid, CancellationToken, Task<(SaleCommandResult Result, string Detail)>> command,
        string body = "", string resource = "sales")
    {
        var caller = user.RequireCaller();
        var merchantId = user.RequireMerchantScope();
        return idempotent.RunAsync(http, caller.Id, $"POST /v1/card/{resource}/{id}/{operation}", body, async (tx, cancellationToken) =>
        {
            var (result, detail) = await command(tx, caller, id, cancellationToken);
            return result switch
            {
                SaleCommandResult.NotFound => (StatusCodes.Status404NotFound, Problem(404, "Not found", detail)),
                SaleCommandResult.Conflict => (StatusCodes.Status409Conflict, Problem(409, "Conflict", detail)),
                SaleCommandResult.ExceedsAuthorization => (StatusCodes.Status422UnprocessableEntity,
                    Problem(422, "Completion exceeds the authorization", detail, CardProblems.CompletionExceedsAuthorization)),
                _ => (StatusCodes.Status200OK, await SaleQueries.FindAsync(tx, id, merchantId, cancellationToken)),
            };
        });
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, Guid id, SaleQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindAsync(id, user.RequireMerchantScope(), cancellationToken);
        return view is null ? Gpos.BuildingBlocks.Http.ProblemResults.NotFound("No such card sale.") : TypedResults.Ok(view);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, SaleQueries queries, CancellationToken cancellationToken,
        int? limit = null) =>
        TypedResults.Ok(await queries.ListAsync(user.RequireMerchantScope(), Math.Clamp(limit ?? 50, 1, 500), cancellationToken));

    private static ProblemDetails Problem(int status, string title, string detail, string? type = null) =>
        new() { Status = status, Title = title, Detail = detail, Type = type };
}
