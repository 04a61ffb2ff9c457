using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Gpos.BuildingBlocks.Identity;
using Gpos.Webhooks.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gpos.Webhooks.Registration;

/// <summary>
/// API Pix webhook management (BACEN API Pix 2.9.0 paths <c>/webhook/{chave}</c> and <c>/webhook</c>, pix-api.md §1.1): the
/// merchant's URL receives <c>{"pix":[...]}</c> at <c>{webhookUrl}/pix</c>. Merchants only see and manage their own keys.
/// </summary>
internal static class PixWebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v2/webhook").RequireAuthorization(GposPolicies.Merchant).WithTags("Webhooks: API Pix");
        group.MapPut("/{chave}", PutAsync).WithName("PutPixWebhook").WithSummary("Configure the Pix webhook of a key (API Pix PUT /webhook/{chave}).");
        group.MapGet("/{chave}", GetAsync).WithName("GetPixWebhook").WithSummary("The Pix webhook of a key (WebhookCompleto).");
        group.MapDelete("/{chave}", DeleteAsync).WithName("DeletePixWebhook").WithSummary("Cancel the Pix webhook of a key.");
        group.MapGet("", ListAsync).WithName("ListPixWebhooks").WithSummary("The merchant's Pix webhooks (WebhooksConsultados).");
    }

    private static async Task<IResult> PutAsync(string chave, HttpRequest request, ClaimsPrincipal user, EndpointStore store, UrlGuard guard,
        IOptions<WebhooksOptions> options, [FromServices] IEnumerable<IPixKeyOwnership> ownership, CancellationToken cancellationToken)
    {
        var merchant = user.RequireMerchantScope();
        if (!PixKeyFormat.IsValid(chave))
        {
            return WebhookProblems.OperacaoInvalida("O parâmetro {chave} não corresponde a uma chave DICT válida.", "chave");
        }

        var (body, error) = await RequestBody.ReadObjectAsync(request, options.Value.MaxRegistrationBytes, cancellationToken);
        if (body is null)
        {
            return WebhookProblems.OperacaoInvalida(error!, "webhook");
        }

        if (body.Any(p => p.Key != "webhookUrl"))
        {
            return WebhookProblems.OperacaoInvalida("Campo desconhecido: " + body.First(p => p.Key != "webhookUrl").Key, "webhook");
        }

        var url = RequestBody.Text(body, "webhookUrl");
        if (await guard.CheckAsync(url, cancellationToken) is { } urlError)
        {
            return WebhookProblems.OperacaoInvalida("Campo webhook.webhookUrl não respeita o _schema_: " + urlError, "webhook.webhookUrl");
        }

        foreach (var owner in ownership)
        {
            if (!await owner.IsOwnedByAsync(chave, merchant, cancellationToken))
            {
                return WebhookProblems.OperacaoInvalida("O parâmetro {chave} não corresponde a uma chave DICT pertencente a este usuário recebedor.", "chave");
            }
        }

        var (endpoint, secret) = await store.UpsertPixAsync(merchant, chave, url!, cancellationToken);
        var response = Completo(endpoint);
        response["id"] = endpoint.Id.ToString();
        if (secret is not null)
        {
            response["secret"] = secret; // shown once; rotate with POST /v1/webhooks/endpoints/{id}/secret
        }

        return Results.Json(response);
    }

    private static async Task<IResult> GetAsync(string chave, ClaimsPrincipal user, EndpointStore store, CancellationToken cancellationToken)
    {
        var endpoint = await store.FindAsync(user.RequireMerchantScope(), null, chave, cancellationToken);
        return endpoint is null ? WebhookProblems.NaoEncontrado() : Results.Json(Completo(endpoint));
    }

    private static async Task<IResult> DeleteAsync(string chave, ClaimsPrincipal user, EndpointStore store, CancellationToken cancellationToken)
    {
        var merchant = user.RequireMerchantScope();
        var endpoint = await store.FindAsync(merchant, null, chave, cancellationToken);
        return endpoint is not null && await store.DeleteAsync(merchant, endpoint.Id, cancellationToken)
            ? Results.NoContent()
            : WebhookProblems.NaoEncontrado();
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ClaimsPrincipal user, EndpointStore store, CancellationToken cancellationToken)
    {
        var query = request.Query;
        DateTimeOffset? inicio = null, fim = null;
        foreach (var name in new[] { "inicio", "fim" })
        {
            if (query[name].ToString() is { Length: > 0 } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value))
                {
                    return WebhookProblems.ConsultaInvalida($"O parâmetro {name} não é um timestamp RFC 3339.", name);
                }

                if (name == "inicio")
                {
                    inicio = value;
                }
                else
                {
                    fim = value;
                }
            }
        }

        if (inicio > fim)
        {
            return WebhookProblems.ConsultaInvalida("O timestamp representado pelo parâmetro fim é anterior ao parâmetro inicio.", "fim");
        }

        if (!TryPaging(query, "paginacao.paginaAtual", 0, 0, out var page) || !TryPaging(query, "paginacao.itensPorPagina", 100, 1, out var size)
            || size > 1000)
        {
            return WebhookProblems.ConsultaInvalida("Os parâmetros de paginação devem ser inteiros não negativos (itensPorPagina de 1 a 1000).", "paginacao");
        }

        var all = (await store.ListAsync(user.RequireMerchantScope(), "pix", cancellationToken))
            .Where(e => (inicio is null || e.CreatedAt >= inicio) && (fim is null || e.CreatedAt <= fim)).ToList();
        var parametros = new JsonObject
        {
            ["paginacao"] = new JsonObject
            {
                ["paginaAtual"] = page,
                ["itensPorPagina"] = size,
                ["quantidadeDePaginas"] = Math.Max(1, (all.Count + size - 1) / size),
                ["quantidadeTotalDeItens"] = all.Count,
            },
        };
        if (inicio is not null)
        {
            parametros["inicio"] = inicio.Value.ToString("O", CultureInfo.InvariantCulture);
        }

        if (fim is not null)
        {
            parametros["fim"] = fim.Value.ToString("O", CultureInfo.InvariantCulture);
        }

        var webhooks = new JsonArray(all.Skip(page * size).Take(size).Select(e => (JsonNode)Completo(e)).ToArray());
        return Results.Json(new JsonObject { ["parametros"] = parametros, ["webhooks"] = webhooks });
    }

    private static bool TryPaging(IQueryCollection query, string name, int fallback, int min, out int value)
    {
        value = fallback;
        var text = query[name].ToString();
        return text.Length == 0 || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min);
    }

    // WebhookCompleto: the schema lists cnpj as required but the spec's example (webhookResponse1) returns chave (pix-api.md §9 #5).
    private static JsonObject Completo(EndpointRecord endpoint) => new()
    {
        ["webhookUrl"] = endpoint.Url,
        ["chave"] = endpoint.Chave,
        ["criacao"] = endpoint.CreatedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
    };
}
