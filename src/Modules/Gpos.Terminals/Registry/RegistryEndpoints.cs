using System.Security.Claims;
using Gpos.BuildingBlocks.Http;
using Gpos.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Gpos.Terminals.Registry;

/// <summary>Registering terminals and reading the registry: ops for any merchant, a merchant for its own terminals.</summary>
internal static class RegistryEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var ops = endpoints.MapGroup("/ops/v1/terminals").RequireAuthorization(GposPolicies.Ops).WithTags("Ops: terminals");
        ops.MapPost("", RegisterForMerchantAsync).WithName("OpsRegisterTerminal")
            .WithSummary("Register a terminal for a merchant; returns its one-time activation code.");
        ops.MapGet("", ListAsync).WithName("OpsListTerminals").WithSummary("List terminals, optionally of one merchant.");
        ops.MapGet("/{terminalId}", GetAsync).WithName("OpsGetTerminal").WithSummary("A terminal with its certificate history.");
        ops.MapPost("/{terminalId}/activation-codes", NewCodeAsync).WithName("OpsNewActivationCode")
            .WithSummary("Issue a new activation code (recovery after a terminal lost its key); earlier codes stop working.");

        var merchant = endpoints.MapGroup("/v1/terminals").RequireAuthorization(GposPolicies.Merchant).WithTags("Terminals: merchant");
        merchant.MapPost("", RegisterOwnAsync).WithName("RegisterTerminal")
            .WithSummary("A merchant registers one of its terminals; returns its one-time activation code.");
        merchant.MapGet("", ListOwnAsync).WithName("ListTerminals").WithSummary("The merchant's terminals.");
        merchant.MapGet("/{terminalId}", GetOwnAsync).WithName("GetTerminal").WithSummary("One of the merchant's terminals.");
        merchant.MapPost("/{terminalId}/activation-codes", NewOwnCodeAsync).WithName("NewActivationCode")
            .WithSummary("A new activation code for one of the merchant's terminals.");
    }

    private static async Task<Results<Created<RegisterTerminalResponse>, ProblemHttpResult>> RegisterForMerchantAsync(
        RegisterTerminalRequest request, ClaimsPrincipal user, RegistrationService registration, CancellationToken cancellationToken)
    {
        if (request.MerchantId is null)
        {
            return ProblemResults.BadRequest("merchantId is required when ops register a terminal.");
        }

        return await RegisterAsync(request, request.MerchantId, user, registration, cancellationToken);
    }

    private static Task<Results<Created<RegisterTerminalResponse>, ProblemHttpResult>> RegisterOwnAsync(
        RegisterTerminalRequest request, ClaimsPrincipal user, RegistrationService registration, CancellationToken cancellationToken) =>
        RegisterAsync(request, user.RequireMerchantScope(), user, registration, cancellationToken);

    private static async Task<Results<Created<RegisterTerminalResponse>, ProblemHttpResult>> RegisterAsync(
        RegisterTerminalRequest request, string merchantId, ClaimsPrincipal user, RegistrationService registration,
        CancellationToken cancellationToken)
    {
        var registered = await registration.RegisterAsync(request, merchantId, user.RequireCaller().Urn, cancellationToken);
        return registered is null
            ? TerminalProblems.SerialTaken()
            : TypedResults.Created($"/v1/terminals/{registered.TerminalId}", registered);
    }

    private static async Task<Ok<List<TerminalView>>> ListAsync(string? merchantId, TerminalQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(merchantId, 500, cancellationToken));

    private static async Task<Ok<List<TerminalView>>> ListOwnAsync(ClaimsPrincipal user, TerminalQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(user.RequireMerchantScope(), 500, cancellationToken));

    private static async Task<Results<Ok<TerminalView>, ProblemHttpResult>> GetAsync(string terminalId, TerminalQueries queries,
        CancellationToken cancellationToken) =>
        await queries.GetAsync(terminalId, null, cancellationToken) is { } view ? TypedResults.Ok(view) : TerminalProblems.TerminalNotFound();

    private static async Task<Results<Ok<TerminalView>, ProblemHttpResult>> GetOwnAsync(string terminalId, ClaimsPrincipal user,
        TerminalQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(terminalId, user.RequireMerchantScope(), cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : TerminalProblems.TerminalNotFound();

    private static async Task<Results<Ok<ActivationCodeResponse>, ProblemHttpResult>> NewCodeAsync(string terminalId, ClaimsPrincipal user,
        RegistrationService registration, CancellationToken cancellationToken) =>
        await registration.NewActivationCodeAsync(terminalId, null, user.RequireCaller().Urn, cancellationToken) is { } code
            ? TypedResults.Ok(code)
            : TerminalProblems.TerminalNotFound();

    private static async Task<Results<Ok<ActivationCodeResponse>, ProblemHttpResult>> NewOwnCodeAsync(string terminalId, ClaimsPrincipal user,
        RegistrationService registration, CancellationToken cancellationToken) =>
        await registration.NewActivationCodeAsync(terminalId, user.RequireMerchantScope(), user.RequireCaller().Urn, cancellationToken) is { } code
            ? TypedResults.Ok(code)
            : TerminalProblems.TerminalNotFound();
}
