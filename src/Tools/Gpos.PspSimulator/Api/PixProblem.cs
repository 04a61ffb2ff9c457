using System.Text.Json.Nodes;

namespace Gpos.PspSimulator.Api;

internal sealed record Violacao(string Razao, string Propriedade, string? Valor = null);

/// <summary>
/// An RFC 7807 problem with BACEN's error types ([SPEC] "Tratamento de erros", schema <c>Problema</c>):
/// <c>type</c> = <c>https://pix.bcb.gov.br/api/v2/error/&lt;TipoErro&gt;</c>. Control API errors use the simulator's own
/// base URI instead, so they can never be mistaken for API Pix errors.
/// </summary>
internal sealed record PixProblem(string Type, string Title, int Status, string? Detail = null, IReadOnlyList<Violacao>? Violacoes = null)
{
    public const string BacenErrorBase = "https://pix.bcb.gov.br/api/v2/error/";
    public const string ControlErrorBase = "https://psp-sim.gpos.example/control/error/";

    public static PixProblem Bacen(string tipo, string title, int status, string? detail = null, IReadOnlyList<Violacao>? violacoes = null) =>
        new(BacenErrorBase + tipo, title, status, detail, violacoes);

    public static PixProblem CobOperacaoInvalida(IReadOnlyList<Violacao> violacoes, string? detail = null) =>
        Bacen("CobOperacaoInvalida", "Cobrança inválida.", 400, detail ?? "A requisição que busca alterar ou criar uma cobrança para pagamento imediato não respeita o schema ou está semanticamente errada.", violacoes);

    public static PixProblem CobOperacaoInvalida(string razao, string propriedade, string? valor = null) =>
        CobOperacaoInvalida([new Violacao(razao, propriedade, valor)]);

    public static PixProblem CobNaoEncontrado(string txid) =>
        Bacen("CobNaoEncontrado", "Cobrança não encontrada.", 404, $"Cobrança não encontrada para o txid {txid}.");

    public static PixProblem CobConsultaInvalida(string razao, string propriedade, string? valor = null) =>
        Bacen("CobConsultaInvalida", "Consulta inválida.", 400, "Os parâmetros de consulta não respeitam o schema ou não fazem sentido semanticamente.",
            [new Violacao(razao, propriedade, valor)]);

    public static PixProblem PixNaoEncontrado(string e2eid) =>
        Bacen("PixNaoEncontrado", "Pix não encontrado.", 404, $"Pix não encontrado para o e2eid {e2eid}.");

    public static PixProblem PixDevolucaoNaoEncontrada(string e2eid, string id) =>
        Bacen("PixDevolucaoNaoEncontrada", "Devolução não encontrada.", 404, $"Devolução {id} não encontrada para o e2eid {e2eid}.");

    public static PixProblem PixDevolucaoInvalida(string razao, string propriedade, string? valor = null) =>
        Bacen("PixDevolucaoInvalida", "Devolução inválida.", 400, "A requisição de devolução não respeita o schema ou não faz sentido semanticamente.",
            [new Violacao(razao, propriedade, valor)]);

    public static PixProblem WebhookOperacaoInvalida(string razao, string propriedade, string? valor = null) =>
        Bacen("WebhookOperacaoInvalida", "Webhook inválido.", 400, "A requisição busca criar um webhook sem respeitar o schema ou apresenta semântica inválida.",
            [new Violacao(razao, propriedade, valor)]);

    public static PixProblem WebhookNaoEncontrado(string chave) =>
        Bacen("WebhookNaoEncontrado", "Webhook não encontrado.", 404, $"O webhook para a chave {chave} não está estabelecido.");

    public static PixProblem Control(string name, int status, string detail) =>
        new(ControlErrorBase + name, name, status, detail);

    public JsonObject ToJson()
    {
        var body = new JsonObject
        {
            ["type"] = Type,
            ["title"] = Title,
            ["status"] = Status,
        };
        if (Detail is not null)
        {
            body["detail"] = Detail;
        }

        body["correlationId"] = Guid.NewGuid().ToString("N");
        if (Violacoes is { Count: > 0 })
        {
            var array = new JsonArray();
            foreach (var v in Violacoes)
            {
                var item = new JsonObject { ["razao"] = v.Razao, ["propriedade"] = v.Propriedade };
                if (v.Valor is not null)
                {
                    item["valor"] = v.Valor;
                }

                array.Add(item);
            }

            body["violacoes"] = array;
        }

        return body;
    }
}
