using System.Security.Claims;
using System.Text.Json.Nodes;
using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Contracts;
using Gpos.Pix.Charges;
using Gpos.Pix.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Gpos.Pix.Webhook;

/// <summary><c>GET /v2/pix/{e2eid}</c> and <c>GET /v2/pix</c>: the merchant's received Pix ([SPEC] tag Pix).</summary>
internal static class PixEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var pix = endpoints.MapGroup("/v2/pix").RequireAuthorization(GposPolicies.MerchantOrTerminal, PixScopes.Policy(PixScopes.PixRead)).WithTags("Pix: pix");
        pix.MapGet("/{e2eid}", GetAsync).WithName("PixGetPix").WithSummary("One received Pix.");
        pix.MapGet("", ListAsync).WithName("PixListPix").WithSummary("The merchant's received Pix.");
    }

    private static async Task<IResult> GetAsync(string e2eid, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var pix = await ReceivedPixStore.FindAsync(connection, user.RequireMerchantScope(), e2eid, cancellationToken);
        return pix is null ? PixProblems.PixNaoEncontrado() : Results.Json(pix);
    }

    private static async Task<IResult> ListAsync(HttpContext context, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var violacoes = new List<Violacao>();
        var query = context.Request.Query;
        var paging = Paging.Read(query, violacoes);
        var inicio = Paging.ReadTime(query, "inicio", violacoes);
        var fim = Paging.ReadTime(query, "fim", violacoes);
        if (inicio is not null && fim is not null && fim < inicio)
        {
            violacoes.Add(new Violacao("O parâmetro fim é anterior ao parâmetro inicio.", "fim"));
        }

        bool? devolucaoPresente = query["devolucaoPresente"].ToString() switch
        {
            "" => null,
            "true" => true,
            "false" => false,
            var other => Invalid(violacoes, other),
        };
        if (violacoes.Count > 0)
        {
            return PixProblems.PixConsultaInvalida(violacoes);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var (items, total) = await ReceivedPixStore.ListAsync(connection, context.User.RequireMerchantScope(), inicio!.Value, fim!.Value,
            query["txid"], devolucaoPresente, paging, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["parametros"] = new JsonObject
            {
                ["inicio"] = PixMoney.FormatTime(inicio.Value),
                ["fim"] = PixMoney.FormatTime(fim.Value),
                ["paginacao"] = Paging.Json(paging, total),
            },
            ["pix"] = items,
        });
    }

    private static bool? Invalid(List<Violacao> violacoes, string value)
    {
        violacoes.Add(new Violacao("O parâmetro devolucaoPresente deve ser true ou false.", "devolucaoPresente", value.Length > 50 ? null : value));
        return null;
    }
}
