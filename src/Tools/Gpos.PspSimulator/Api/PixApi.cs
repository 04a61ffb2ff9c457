using System.Text.Json;
using Gpos.PspSimulator.Faults;

namespace Gpos.PspSimulator.Api;

/// <summary>
/// Maps the API Pix subset twice: under <c>/v2</c> (BACEN's base path carries the major version) and at the root.
/// Each endpoint carries a <see cref="SimEndpoint"/> name for call counts and faults.
/// </summary>
internal static class PixApi
{
    public static void MapPixApi(this IEndpointRouteBuilder app)
    {
        Map(app.MapGroup("/v2"));
        Map(app.MapGroup(""));
    }

    /// <summary>The request body as JSON, or null when it is not JSON at all.</summary>
    public static async Task<JsonDocument?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/cob/{txid}", CobEndpoints.PutAsync).WithMetadata(new SimEndpoint("PUT /cob/{txid}", "txid"));
        group.MapPatch("/cob/{txid}", CobEndpoints.PatchAsync).WithMetadata(new SimEndpoint("PATCH /cob/{txid}", "txid"));
        group.MapGet("/cob/{txid}", CobEndpoints.Get).WithMetadata(new SimEndpoint("GET /cob/{txid}", "txid"));
        group.MapGet("/pix/{e2eid}", PixEndpoints.GetPix).WithMetadata(new SimEndpoint("GET /pix/{e2eid}", "e2eid"));
        group.MapPut("/pix/{e2eid}/devolucao/{id}", PixEndpoints.PutRefundAsync)
            .WithMetadata(new SimEndpoint("PUT /pix/{e2eid}/devolucao/{id}", "e2eid"));
        group.MapGet("/pix/{e2eid}/devolucao/{id}", PixEndpoints.GetRefund)
            .WithMetadata(new SimEndpoint("GET /pix/{e2eid}/devolucao/{id}", "e2eid"));
        group.MapPut("/webhook/{chave}", WebhookEndpoints.PutAsync).WithMetadata(new SimEndpoint("PUT /webhook/{chave}", "chave"));
        group.MapGet("/webhook/{chave}", WebhookEndpoints.Get).WithMetadata(new SimEndpoint("GET /webhook/{chave}", "chave"));
        group.MapDelete("/webhook/{chave}", WebhookEndpoints.Delete).WithMetadata(new SimEndpoint("DELETE /webhook/{chave}", "chave"));
    }
}
