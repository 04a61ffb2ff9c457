using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gpos.Pix.Shared;

/// <summary>One entry of BACEN's <c>violacoes</c> ([SPEC] schema <c>Violacao</c>).</summary>
internal sealed record Violacao(string Razao, string Propriedade, string? Valor = null);

/// <summary>problem+json answers with BACEN's error type URIs ([SPEC] "Tratamento de erros", pix-api.md §3).</summary>
internal static class PixProblems
{
    public const string TypePrefix = "https://pix.bcb.gov.br/api/v2/error/";

    public static ProblemHttpResult CobOperacaoInvalida(IReadOnlyList<Violacao> violacoes, string detail = "A requisição que busca alterar ou criar uma cobrança não respeita o _schema_ ou está semanticamente errada.") =>
        Problem(StatusCodes.Status400BadRequest, "CobOperacaoInvalida", "Cobrança inválida.", detail, violacoes);

    public static ProblemHttpResult CobOperacaoInvalida(string razao, string propriedade) =>
        CobOperacaoInvalida([new Violacao(razao, propriedade)]);

    public static ProblemHttpResult CobNaoEncontrado() =>
        Problem(StatusCodes.Status404NotFound, "CobNaoEncontrado", "Cobrança não encontrada.",
            "Cobrança não encontrada para o txid informado.", null);

    public static ProblemHttpResult CobConsultaInvalida(IReadOnlyList<Violacao> violacoes) =>
        Problem(StatusCodes.Status400BadRequest, "CobConsultaInvalida", "Consulta inválida.",
            "Os parâmetros de consulta não respeitam o _schema_.", violacoes);

    public static ProblemHttpResult PixNaoEncontrado() =>
        Problem(StatusCodes.Status404NotFound, "PixNaoEncontrado", "Pix não encontrado.",
            "Pix não encontrado para o e2eid informado.", null);

    public static ProblemHttpResult PixConsultaInvalida(IReadOnlyList<Violacao> violacoes) =>
        Problem(StatusCodes.Status400BadRequest, "PixConsultaInvalida", "Consulta inválida.",
            "Os parâmetros de consulta não respeitam o _schema_.", violacoes);

    public static ProblemHttpResult PixDevolucaoInvalida(IReadOnlyList<Violacao> violacoes) =>
        Problem(StatusCodes.Status400BadRequest, "PixDevolucaoInvalida", "Devolução inválida.",
            "A requisição de devolução não respeita o _schema_ ou está semanticamente errada.", violacoes);

    public static ProblemHttpResult PixDevolucaoNaoEncontrada() =>
        Problem(StatusCodes.Status404NotFound, "PixDevolucaoNaoEncontrada", "Devolução não encontrada.",
            "Devolução não encontrada para o e2eid e o id informados.", null);

    public static ProblemHttpResult RequisicaoInvalida(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "RequisicaoInvalida", "Requisição inválida.", detail, null);

    public static ProblemHttpResult ServicoIndisponivel(HttpContext context, int retryAfterSeconds,
        string detail = "O PSP não respondeu; a cobrança foi registrada e será concluída. Repita a mesma requisição mais tarde.")
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "ServicoIndisponivel", "Serviço indisponível.", detail, null);
    }

    public static ProblemHttpResult Problem(int status, string type, string title, string detail, IReadOnlyList<Violacao>? violacoes)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypePrefix + type };
        if (violacoes is { Count: > 0 })
        {
            problem.Extensions["violacoes"] = violacoes.Select(v => v.Valor is null
                ? (object)new { razao = v.Razao, propriedade = v.Propriedade }
                : new { razao = v.Razao, propriedade = v.Propriedade, valor = v.Valor }).ToArray();
        }

        return TypedResults.Problem(problem);
    }
}
