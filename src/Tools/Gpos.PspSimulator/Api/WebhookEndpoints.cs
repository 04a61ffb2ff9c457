using System.Text.Json;
using System.Text.Json.Nodes;
using Gpos.PspSimulator.Pix;
using Gpos.PspSimulator.State;

namespace Gpos.PspSimulator.Api;

/// <summary><c>PUT|GET|DELETE /webhook/{chave}</c> ([SPEC] tag Webhook): one webhook URL per key.</summary>
internal static class WebhookEndpoints
{
    public static async Task<IResult> PutAsync(string chave, HttpRequest request, SimulatorStore store, CancellationToken cancellationToken)
    {
        if (chave.Length is 0 or > 77)
        {
            return ApiResults.Problem(PixProblem.WebhookOperacaoInvalida("O parâmetro {chave} não corresponde a uma chave DICT válida.", "chave", chave));
        }

        if (!store.IsReceiverKey(chave))
        {
            return ApiResults.Problem(PixProblem.WebhookOperacaoInvalida(
                "O parâmetro {chave} não corresponde a uma chave DICT pertencente a este usuário recebedor.", "chave", chave));
        }

        using var document = await PixApi.ReadJsonAsync(request, cancellationToken);
        var url = document is { RootElement.ValueKind: JsonValueKind.Object } d
            && d.RootElement.TryGetProperty("webhookUrl", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return ApiResults.Problem(PixProblem.WebhookOperacaoInvalida(
                "Campo webhook.webhookUrl não respeita o _schema_ (URL https absoluta).", "webhook.webhookUrl", url));
        }

        store.RegisterWebhook(chave, url);
        return Results.Ok();
    }

    public static IResult Get(string chave, SimulatorStore store, PspSimulatorOptions options)
    {
        var registration = store.GetWebhook(chave);
        if (registration is null)
        {
            return ApiResults.Problem(PixProblem.WebhookNaoEncontrado(chave));
        }

        // WebhookCompleto requires cnpj; the spec's example shows chave; both are returned.
        return ApiResults.Json(new JsonObject
        {
            ["webhookUrl"] = registration.WebhookUrl,
            ["chave"] = registration.Chave,
            ["cnpj"] = options.ReceiverCnpj,
            ["criacao"] = PixTime.Format(registration.Criacao),
        });
    }

    public static IResult Delete(string chave, SimulatorStore store) =>
        store.DeleteWebhook(chave) ? Results.NoContent() : ApiResults.Problem(PixProblem.WebhookNaoEncontrado(chave));
}
