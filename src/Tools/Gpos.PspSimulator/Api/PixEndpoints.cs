using System.Text.Json;
using Gpos.PspSimulator.Pix;
using Gpos.PspSimulator.State;

namespace Gpos.PspSimulator.Api;

/// <summary><c>GET /pix/{e2eid}</c> and devolução ([SPEC] tag Pix).</summary>
internal static class PixEndpoints
{
    public static IResult GetPix(string e2eid, SimulatorStore store) =>
        PixPatterns.EndToEndId().IsMatch(e2eid)
            ? CobEndpoints.Respond(store.GetPix(e2eid), StatusCodes.Status200OK)
            : ApiResults.Problem(PixProblem.PixNaoEncontrado(e2eid));

    public static async Task<IResult> PutRefundAsync(string e2eid, string id, HttpRequest request, SimulatorStore store,
        RefundSettlement settlement, CancellationToken cancellationToken)
    {
        if (!PixPatterns.EndToEndId().IsMatch(e2eid))
        {
            return ApiResults.Problem(PixProblem.PixNaoEncontrado(e2eid));
        }

        if (!PixPatterns.DevolucaoId().IsMatch(id))
        {
            return ApiResults.Problem(PixProblem.PixDevolucaoInvalida("O campo id não respeita o _schema_ ([a-zA-Z0-9]{1,35}).", "id", id));
        }

        using var document = await PixApi.ReadJsonAsync(request, cancellationToken);
        if (document is null)
        {
            return ApiResults.Problem(PixProblem.PixDevolucaoInvalida("O corpo da requisição não é um JSON válido.", "devolucao"));
        }

        var (command, problem) = Parse(document.RootElement);
        if (problem is not null)
        {
            return ApiResults.Problem(problem);
        }

        var (outcome, behaviour) = store.RequestRefund(e2eid, id, command!);
        if (outcome.Problem is null)
        {
            settlement.Schedule(e2eid, id, behaviour);
        }

        return CobEndpoints.Respond(outcome, StatusCodes.Status201Created);
    }

    public static IResult GetRefund(string e2eid, string id, SimulatorStore store) =>
        PixPatterns.EndToEndId().IsMatch(e2eid) && PixPatterns.DevolucaoId().IsMatch(id)
            ? CobEndpoints.Respond(store.GetRefund(e2eid, id), StatusCodes.Status200OK)
            : ApiResults.Problem(PixProblem.PixDevolucaoNaoEncontrada(e2eid, id));

    private static (RefundCommand? Command, PixProblem? Problem) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, PixProblem.PixDevolucaoInvalida("O corpo da requisição não respeita o _schema_.", "devolucao"));
        }

        foreach (var p in root.EnumerateObject().Where(p => p.Name is not ("valor" or "natureza" or "descricao")))
        {
            return (null, PixProblem.PixDevolucaoInvalida($"O campo devolucao.{p.Name} não é reconhecido pelo _schema_.", "devolucao." + p.Name));
        }

        if (!root.TryGetProperty("valor", out var valor) || valor.ValueKind != JsonValueKind.String
            || !Money.TryParse(valor.GetString(), out var centavos) || centavos == 0)
        {
            return (null, PixProblem.PixDevolucaoInvalida("O campo devolucao.valor não respeita o _schema_.", "devolucao.valor",
                root.TryGetProperty("valor", out var v) ? v.ToString() : null));
        }

        var natureza = Natureza.Original;
        if (root.TryGetProperty("natureza", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            natureza = n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            if (natureza is not (Natureza.Original or Natureza.Retirada))
            {
                return (null, PixProblem.PixDevolucaoInvalida("O campo devolucao.natureza não respeita o _schema_ (ORIGINAL ou RETIRADA).",
                    "devolucao.natureza", n.ToString()));
            }
        }

        string? descricao = null;
        if (root.TryGetProperty("descricao", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            descricao = d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (descricao is null || descricao.Length > 140)
            {
                return (null, PixProblem.PixDevolucaoInvalida("O campo devolucao.descricao não respeita o _schema_ (até 140 caracteres).",
                    "devolucao.descricao"));
            }
        }

        return (new RefundCommand(centavos, natureza, descricao), null);
    }
}
