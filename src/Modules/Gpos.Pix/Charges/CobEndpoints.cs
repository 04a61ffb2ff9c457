using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Contracts;
using Gpos.Pix.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gpos.Pix.Charges;

/// <summary>The API Pix charge surface for merchants and terminals ([SPEC] tag Cob), scoped to the caller's merchant.</summary>
internal static class CobEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var cob = endpoints.MapGroup("/v2/cob").RequireAuthorization(GposPolicies.MerchantOrTerminal).WithTags("Pix: cob");
        cob.MapPut("/{txid}", PutAsync).RequireAuthorization(PixScopes.Policy(PixScopes.CobWrite)).WithName("PixPutCob").WithSummary("Create (or revise) an immediate charge with a client-chosen txid.");
        cob.MapPost("", PostAsync).RequireAuthorization(PixScopes.Policy(PixScopes.CobWrite)).WithName("PixPostCob").WithSummary("Create an immediate charge; GPOS chooses the txid (Idempotency-Key).");
        cob.MapPatch("/{txid}", PatchAsync).RequireAuthorization(PixScopes.Policy(PixScopes.CobWrite)).WithName("PixPatchCob").WithSummary("Revise a charge or remove it (REMOVIDA_PELO_USUARIO_RECEBEDOR).");
        cob.MapGet("/{txid}", GetAsync).RequireAuthorization(PixScopes.Policy(PixScopes.CobRead)).WithName("PixGetCob").WithSummary("Read a charge, optionally at a revision.");
        cob.MapGet("", ListAsync).RequireAuthorization(PixScopes.Policy(PixScopes.CobRead)).WithName("PixListCobs").WithSummary("List the merchant's charges.");
    }

    private static async Task<IResult> PutAsync(string txid, HttpContext context, ChargeService charges, IOptions<PixOptions> options,
        CancellationToken cancellationToken)
    {
        var (terms, json, error) = await ReadTermsAsync(context.Request, txid, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var outcome = await charges.PutAsync(context.User.RequireMerchantScope(), txid, terms!, json!, false, cancellationToken);
        return Answer(outcome, context, options.Value, StatusCodes.Status201Created);
    }

    private static async Task<IResult> PostAsync(HttpContext context, ChargeService charges, NpgsqlDataSource db, TimeProvider time,
        IOptions<PixOptions> options, CancellationToken cancellationToken)
    {
        var (terms, json, error) = await ReadTermsAsync(context.Request, null, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var merchantId = context.User.RequireMerchantScope();
        var txid = Guid.NewGuid().ToString("N"); // 32 [a-f0-9]: within [a-zA-Z0-9]{26,35}
        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 0)
        {
            if (idempotencyKey.Length > 255)
            {
                return PixProblems.RequisicaoInvalida("Idempotency-Key is at most 255 characters.");
            }

            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(terms!.Canonical())));
            var stored = await IdempotencyKeys.ClaimAsync(db, merchantId, idempotencyKey, hash, txid, time.GetUtcNow(), cancellationToken);
            if (stored.Hash != hash)
            {
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was used with a different request body.");
            }

            txid = stored.Txid;
        }

        var outcome = await charges.PutAsync(merchantId, txid, terms!, json!, failFastIfBusy: idempotencyKey.Length > 0, cancellationToken);
        if (outcome.Busy)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request in progress",
                detail: "A request with this Idempotency-Key is still being processed.");
        }

        return Answer(outcome, context, options.Value, StatusCodes.Status201Created);
    }

    private static async Task<IResult> PatchAsync(string txid, HttpContext context, ChargeService charges, IOptions<PixOptions> options,
        CancellationToken cancellationToken)
    {
        if (!CobRequestParser.IsTxid(txid))
        {
            return PixProblems.CobNaoEncontrado();
        }

        var (root, json, error) = await ReadJsonAsync(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var violacoes = new List<Violacao>();
        var fields = CobRequestParser.Parse(root!.RootElement, patch: true, violacoes);
        root.Dispose();
        if (violacoes.Count > 0)
        {
            return PixProblems.CobOperacaoInvalida(violacoes);
        }

        var outcome = await charges.PatchAsync(context.User.RequireMerchantScope(), txid, fields, json!, cancellationToken);
        return Answer(outcome, context, options.Value, StatusCodes.Status200OK);
    }

    private static async Task<IResult> GetAsync(string txid, string? revisao, HttpContext context, NpgsqlDataSource db,
        CancellationToken cancellationToken)
    {
        if (!CobRequestParser.IsTxid(txid))
        {
            return PixProblems.CobNaoEncontrado();
        }

        int? revision = null;
        if (revisao is not null)
        {
            if (!int.TryParse(revisao, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            {
                return PixProblems.CobConsultaInvalida([new Violacao("O parâmetro revisao deve ser um inteiro não negativo.", "revisao", revisao)]);
            }

            revision = r;
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (await ChargeStore.FindOwnerAsync(connection, txid, cancellationToken) != context.User.RequireMerchantScope())
        {
            return PixProblems.CobNaoEncontrado();
        }

        var charge = await ChargeStore.FindAsync(connection, null, txid, revision, cancellationToken);
        if (charge is null)
        {
            return revision is null ? PixProblems.CobNaoEncontrado()
                : PixProblems.CobConsultaInvalida([new Violacao("A revisão informada não existe.", "revisao", revisao)]);
        }

        var body = CobJson.Gerada(charge);
        body["pix"] = await ReceivedPixStore.ForChargeAsync(connection, txid, cancellationToken);
        return Results.Json(body, statusCode: StatusCodes.Status200OK);
    }

    private static async Task<IResult> ListAsync(HttpContext context, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var violacoes = new List<Violacao>();
        var paging = Paging.Read(query, violacoes);
        var inicio = Paging.ReadTime(query, "inicio", violacoes);
        var fim = Paging.ReadTime(query, "fim", violacoes);
        string? cpf = query["cpf"], cnpj = query["cnpj"], status = query["status"];
        bool? locationPresente = null;
        if (query.TryGetValue("locationPresente", out var presente))
        {
            // API Pix GET /cob: locationPresente is a boolean filter (a charge has a location once the PSP accepted it).
            if (bool.TryParse(presente.ToString(), out var parsed))
            {
                locationPresente = parsed;
            }
            else
            {
                violacoes.Add(new Violacao("O parâmetro locationPresente deve ser true ou false.", "locationPresente"));
            }
        }

        if (cpf is not null && cnpj is not null)
        {
            violacoes.Add(new Violacao("Os parâmetros cpf e cnpj são mutuamente exclusivos.", "cpf"));
        }

        if (inicio is not null && fim is not null && fim < inicio)
        {
            violacoes.Add(new Violacao("O timestamp representado pelo parâmetro fim é anterior ao timestamp representado pelo parâmetro inicio.", "fim"));
        }

        if (violacoes.Count > 0)
        {
            return PixProblems.CobConsultaInvalida(violacoes);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var (page, total) = await ChargeStore.ListAsync(connection, context.User.RequireMerchantScope(), inicio!.Value, fim!.Value, status, cpf, cnpj,
            locationPresente, paging.Number, paging.Size, cancellationToken);
        if (total < 0)
        {
            total = (await ChargeStore.ListAsync(connection, context.User.RequireMerchantScope(), inicio.Value, fim.Value, status, cpf, cnpj,
                locationPresente, 0, 1, cancellationToken)).Total;
        }

        var parametros = new JsonObject
        {
            ["inicio"] = PixMoney.FormatTime(inicio.Value),
            ["fim"] = PixMoney.FormatTime(fim.Value),
            ["paginacao"] = Paging.Json(paging, total),
        };
        if (locationPresente is { } presenteFilter)
        {
            parametros["locationPresente"] = presenteFilter;
        }

        return Results.Json(new JsonObject
        {
            ["parametros"] = parametros,
            ["cobs"] = new JsonArray(page.Select(c => (JsonNode)CobJson.Gerada(c)).ToArray()),
        });
    }

    private static IResult Answer(ChargeOutcome outcome, HttpContext context, PixOptions options, int successStatus)
    {
        if (outcome.Charge is { } charge)
        {
            return Results.Json(CobJson.Gerada(charge), statusCode: successStatus);
        }

        if (outcome.NotFound)
        {
            return PixProblems.CobNaoEncontrado();
        }

        if (outcome.Unavailable || outcome.Busy)
        {
            return PixProblems.ServicoIndisponivel(context, options.RetryAfterSeconds);
        }

        return PixProblems.CobOperacaoInvalida(outcome.Violacoes!);
    }

    private static async Task<(CobTerms? Terms, string? Json, IResult? Error)> ReadTermsAsync(HttpRequest request, string? txid,
        CancellationToken cancellationToken)
    {
        var violacoes = new List<Violacao>();
        if (txid is not null && !CobRequestParser.IsTxid(txid))
        {
            violacoes.Add(new Violacao("O campo cob.txid não respeita o _schema_ ([a-zA-Z0-9]{26,35}).", "cob.txid",
                txid.Length > 50 ? null : txid));
        }

        var (document, json, error) = await ReadJsonAsync(request, cancellationToken);
        if (error is not null)
        {
            return (null, null, error);
        }

        using (document)
        {
            var fields = CobRequestParser.Parse(document!.RootElement, patch: false, violacoes);
            return violacoes.Count > 0
                ? (null, null, PixProblems.CobOperacaoInvalida(violacoes))
                : (CobRequestParser.ToTerms(fields), json, null);
        }
    }

    private static async Task<(JsonDocument? Document, string? Json, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            return (JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 }), text, null);
        }
        catch (JsonException)
        {
            return (null, null, PixProblems.RequisicaoInvalida("O corpo da requisição não é um JSON válido."));
        }
    }
}
