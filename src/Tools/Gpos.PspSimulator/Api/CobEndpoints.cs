using System.Globalization;
using Gpos.PspSimulator.Pix;
using Gpos.PspSimulator.State;

namespace Gpos.PspSimulator.Api;

/// <summary><c>PUT|PATCH|GET /cob/{txid}</c> ([SPEC] tag Cob).</summary>
internal static class CobEndpoints
{
    public static async Task<IResult> PutAsync(string txid, HttpRequest request, SimulatorStore store, CancellationToken cancellationToken)
    {
        if (!PixPatterns.CobTxid().IsMatch(txid))
        {
            return ApiResults.Problem(PixProblem.CobOperacaoInvalida("O campo txid não respeita o _schema_ ([a-zA-Z0-9]{26,35}).", "txid", txid));
        }

        using var document = await PixApi.ReadJsonAsync(request, cancellationToken);
        if (document is null)
        {
            return ApiResults.Problem(PixProblem.CobOperacaoInvalida("O corpo da requisição não é um JSON válido.", "cob"));
        }

        var parser = new CobRequestParser(store.IsReceiverKey);
        var terms = parser.ParseCreate(document.RootElement);
        if (terms is null)
        {
            return ApiResults.Problem(PixProblem.CobOperacaoInvalida(parser.Violations));
        }

        return Respond(store.PutCob(txid, terms), StatusCodes.Status201Created);
    }

    public static async Task<IResult> PatchAsync(string txid, HttpRequest request, SimulatorStore store, CancellationToken cancellationToken)
    {
        if (!PixPatterns.CobTxid().IsMatch(txid))
        {
            return ApiResults.Problem(PixProblem.CobNaoEncontrado(txid));
        }

        using var document = await PixApi.ReadJsonAsync(request, cancellationToken);
        if (document is null)
        {
            return ApiResults.Problem(PixProblem.CobOperacaoInvalida("O corpo da requisição não é um JSON válido.", "cob"));
        }

        var parser = new CobRequestParser(store.IsReceiverKey);
        var patch = parser.ParsePatch(document.RootElement);
        if (patch is null)
        {
            return ApiResults.Problem(PixProblem.CobOperacaoInvalida(parser.Violations));
        }

        return Respond(store.PatchCob(txid, patch), StatusCodes.Status200OK);
    }

    public static IResult Get(string txid, HttpRequest request, SimulatorStore store)
    {
        if (!PixPatterns.CobTxid().IsMatch(txid))
        {
            return ApiResults.Problem(PixProblem.CobNaoEncontrado(txid));
        }

        int? revisao = null;
        if (request.Query.TryGetValue("revisao", out var text))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            {
                return ApiResults.Problem(PixProblem.CobConsultaInvalida("O parâmetro revisao não respeita o _schema_.", "revisao", text));
            }

            revisao = r;
        }

        return Respond(store.GetCob(txid, revisao), StatusCodes.Status200OK);
    }

    public static IResult Respond(Outcome outcome, int status) =>
        outcome.Problem is { } problem ? ApiResults.Problem(problem) : ApiResults.Json(outcome.Body!, status);
}
