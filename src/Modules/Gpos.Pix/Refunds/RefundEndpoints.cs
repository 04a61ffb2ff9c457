using System.Security.Claims;
using System.Text;
using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Contracts;
using Gpos.Pix.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Pix.Refunds;

/// <summary>
/// <c>PUT</c> and <c>GET /v2/pix/{e2eid}/devolucao/{id}</c> ([SPEC] tag Pix, <c>DevolucaoSolicitada</c> → 201 <c>Devolucao</c>),
/// scoped to the caller's merchant: another merchant's Pix is <c>PixNaoEncontrado</c>, as an unknown one.
/// </summary>
internal static class RefundEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var pix = endpoints.MapGroup("/v2/pix/{e2eid}/devolucao").RequireAuthorization(GposPolicies.MerchantOrTerminal).WithTags("Pix: pix");
        pix.MapPut("/{id}", PutAsync).RequireAuthorization(PixScopes.Policy(PixScopes.PixWrite))
            .WithName("PixPutDevolucao").WithSummary("Request a devolução (refund) of a received Pix.");
        pix.MapGet("/{id}", GetAsync).RequireAuthorization(PixScopes.Policy(PixScopes.PixRead))
            .WithName("PixGetDevolucao").WithSummary("Read a devolução.");
    }

    private static async Task<IResult> PutAsync(string e2eid, string id, HttpContext context, RefundService refunds, IOptions<PixOptions> options,
        CancellationToken cancellationToken)
    {
        var violacoes = new List<Violacao>();
        if (!RefundRequestParser.IsDevolucaoId(id))
        {
            violacoes.Add(new Violacao("O id da devolução não respeita o _schema_ ([a-zA-Z0-9]{1,35}).", "id", id.Length > 50 ? null : id));
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var terms = RefundRequestParser.Parse(await reader.ReadToEndAsync(cancellationToken), violacoes);
        if (violacoes.Count > 0)
        {
            return PixProblems.PixDevolucaoInvalida(violacoes);
        }

        if (!RefundRequestParser.IsEndToEndId(e2eid))
        {
            return PixProblems.PixNaoEncontrado();
        }

        var outcome = await refunds.RequestAsync(context.User.RequireMerchantScope(), e2eid, id, terms!, cancellationToken);
        if (outcome.Devolucao is { } devolucao)
        {
            return Results.Json(devolucao, statusCode: StatusCodes.Status201Created);
        }

        if (outcome.NotFound)
        {
            return PixProblems.PixNaoEncontrado();
        }

        return outcome.Unavailable
            ? PixProblems.ServicoIndisponivel(context, options.Value.RetryAfterSeconds,
                "O PSP não respondeu; a devolução foi registrada. Repita a mesma requisição (mesmo id e corpo) mais tarde.")
            : PixProblems.PixDevolucaoInvalida(outcome.Violacoes!);
    }

    private static async Task<IResult> GetAsync(string e2eid, string id, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        if (!RefundRequestParser.IsEndToEndId(e2eid) || !RefundRequestParser.IsDevolucaoId(id))
        {
            return PixProblems.PixDevolucaoNaoEncontrada();
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (await Lifecycle.ReceivedPixRecord.FindAsync(connection, null, e2eid, user.RequireMerchantScope(), cancellationToken) is null)
        {
            return PixProblems.PixDevolucaoNaoEncontrada();
        }

        var devolucoes = await RefundStore.DevolucoesAsync(connection, [e2eid], cancellationToken);
        var found = devolucoes.TryGetValue(e2eid, out var list)
            ? list.FirstOrDefault(d => d?["id"]?.GetValue<string>() == id)
            : null;
        return found is null ? PixProblems.PixDevolucaoNaoEncontrada() : Results.Json(found.DeepClone());
    }
}
