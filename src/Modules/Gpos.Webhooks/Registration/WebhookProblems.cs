using Gpos.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gpos.Webhooks.Registration;

/// <summary>BACEN's error types for the API Pix webhook surface (tag Webhook: WebhookOperacaoInvalida, WebhookNaoEncontrado, WebhookConsultaInvalida).</summary>
internal static class WebhookProblems
{
    private const string TypePrefix = "https://pix.bcb.gov.br/api/v2/error/";

    public static ProblemHttpResult OperacaoInvalida(string razao, string propriedade) =>
        Bacen(StatusCodes.Status400BadRequest, "WebhookOperacaoInvalida", "Webhook inválido.",
            "A presente requisição busca criar um webhook sem respeitar o _schema_ ou, ainda, com sentido semanticamente inválido.",
            razao, propriedade);

    public static ProblemHttpResult NaoEncontrado() =>
        ProblemResults.Problem(StatusCodes.Status404NotFound, "Webhook não encontrado.",
            "O webhook associado à chave informada não foi encontrado.", TypePrefix + "WebhookNaoEncontrado");

    public static ProblemHttpResult ConsultaInvalida(string razao, string propriedade) =>
        Bacen(StatusCodes.Status400BadRequest, "WebhookConsultaInvalida", "Consulta inválida.",
            "Os parâmetros de consulta à lista de webhooks não respeitam o _schema_.", razao, propriedade);

    private static ProblemHttpResult Bacen(int status, string type, string title, string detail, string razao, string propriedade) =>
        ProblemResults.Problem(status, title, detail, TypePrefix + type, new Dictionary<string, object?>
        {
            ["violacoes"] = new[] { new { razao, propriedade } },
        });
}
