using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gpos.BuildingBlocks.Http;
using Gpos.BuildingBlocks.Identity;
using Gpos.Pix.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gpos.Pix.Webhook;

/// <summary>
/// Inbound PSP notifications (design.md §5): <c>POST {webhookUrl}/pix</c> and the URL without <c>/pix</c> (PSPs differ,
/// pix-api.md §4.1). PSP client certificates only. Malformed JSON is refused before anything is recorded. At most
/// <see cref="PixOptions.WebhookMaxConcurrentRequests"/> requests are worked at once (<see cref="PspWebhookGate"/>).
/// </summary>
internal static class PspWebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/psp/webhook").RequireAuthorization(GposPolicies.Psp).WithTags("Pix: PSP webhook")
            // One gate for both routes (AddEndpointFilter<T> would make one per endpoint).
            .AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<PspWebhookGate>().InvokeAsync(context, next))
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("", ReceiveAsync).WithName("PspWebhook").WithSummary("Pix notifications from the PSP ({\"pix\":[...]}).");
        group.MapPost("/pix", ReceiveAsync).WithName("PspWebhookPix").WithSummary("Pix notifications from the PSP ({\"pix\":[...]}).");
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, ReceivedPixProcessor processor, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        JsonArray? items;
        try
        {
            items = (RequestJson.Parse(text) as JsonObject)?["pix"] as JsonArray;
        }
        catch (JsonException)
        {
            items = null;
        }

        if (items is null)
        {
            return PixProblems.RequisicaoInvalida("O corpo deve ser um JSON {\"pix\":[...]}.");
        }

        await processor.ProcessAsync(items.Select(item => item as JsonObject).ToList(), cancellationToken);
        return Results.Ok();
    }
}
