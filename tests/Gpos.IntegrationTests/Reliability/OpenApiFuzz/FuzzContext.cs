using System.Globalization;
using System.Text.Json.Nodes;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>
/// Known-good values the schemas cannot know: the fixture's existing objects for path parameters, a fresh txid or refund
/// id where the operation creates one, and the members a handler checks against state (the merchant's key, a test card,
/// a real CSR). Everything else in a valid request comes from the schema.
/// </summary>
internal sealed class FuzzContext(OpenApiFuzzFixture fixture)
{
    public string? ParameterValue(FuzzOperation operation, FuzzParameter parameter) => (operation.Key, parameter.Name) switch
    {
        ("PUT /v2/cob/{txid}", "txid") => OpenApiFuzzFixture.NewTxid(),
        (_, "txid") when parameter.In == "path" => fixture.Txid,
        (_, "e2eid") => fixture.EndToEndId,
        ("PUT /v2/pix/{e2eid}/devolucao/{id}", "id") => "fuzz" + Guid.NewGuid().ToString("N")[..20],
        ("GET /v2/pix/{e2eid}/devolucao/{id}", "id") => fixture.RefundId,
        ("POST /v1/card/sales/{id}/undo", "id") => fixture.UndoSaleId,
        ("POST /v1/card/sales/{id}/void", "id") => fixture.VoidSaleId,
        (var key, "id") when key.Contains("/v1/card/sales/", StringComparison.Ordinal) => fixture.SaleId,
        (var key, "id") when key.Contains("/v1/card/preauthorizations/", StringComparison.Ordinal) => fixture.PreauthorizationId,
        ("DELETE /v1/webhooks/endpoints/{id}", "id") => fixture.DeletableWebhookEndpointId,
        (var key, "id") when key.Contains("/endpoints/{id}", StringComparison.Ordinal) => fixture.WebhookEndpointId,
        (var key, "id") when key.Contains("/ops/v1/cards/reversals/", StringComparison.Ordinal) => fixture.ReversalId,
        (var key, "id") when key.Contains("/ops/v1/cards/completions/", StringComparison.Ordinal) => fixture.CompletionId,
        (var key, "id") when key.Contains("/deliveries/{id}", StringComparison.Ordinal) => fixture.DeliveryId,
        (_, "entryId") => "1",
        (_, "code") => fixture.AccountCode,
        ("PUT /ops/v1/terminals/{terminalId}/revocation", "terminalId") => fixture.ThrowawayTerminalId,
        (_, "terminalId") => fixture.TerminalId,
        (_, "serialNumber") => fixture.ThrowawaySerial,
        (_, "chave") => OpenApiFuzzFixture.Chave,
        (_, "merchantId") => OpenApiFuzzFixture.Merchant,
        (_, "inicio") => DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        (_, "fim") => DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The only declared header is Idempotency-Key: a fresh one per request, so a valid request is a new one.</summary>
    public static string HeaderValue() => Guid.NewGuid().ToString();

    /// <summary>Overwrites the members of a schema-valid body that the handler checks against the system's state.</summary>
    public JsonNode? Adjust(FuzzOperation operation, JsonNode? body)
    {
        if (body is not JsonObject o)
        {
            return body;
        }

        switch (operation.Key)
        {
            case "PUT /v2/cob/{txid}" or "POST /v2/cob" or "PATCH /v2/cob/{txid}":
                o.Remove("loc");
                o["calendario"] = new JsonObject { ["expiracao"] = 3600 };
                o["valor"] = new JsonObject { ["original"] = "12.34", ["modalidadeAlteracao"] = 0 };
                o["devedor"] = new JsonObject { ["cpf"] = "12345678909", ["nome"] = "Francisco da Silva" };
                o["infoAdicionais"] = new JsonArray(new JsonObject { ["nome"] = "loja", ["valor"] = "1" });
                if (operation.Method == "PATCH")
                {
                    o.Remove("status");
                    o.Remove("chave");
                }
                else
                {
                    o["chave"] = OpenApiFuzzFixture.Chave;
                }

                break;
            case "PUT /v2/pix/{e2eid}/devolucao/{id}":
                o["valor"] = "0.01";
                o["natureza"] = "ORIGINAL";
                break;
            case "PUT /v2/webhook/{chave}":
                o["webhookUrl"] = "https://127.0.0.1:9/pix";
                break;
            case "POST /v1/psp/webhook" or "POST /v1/psp/webhook/pix":
                foreach (var pix in o["pix"] as JsonArray ?? [])
                {
                    pix!["chave"] = OpenApiFuzzFixture.Chave;
                    pix["txid"] = OpenApiFuzzFixture.NewTxid();
                    pix["valor"] = "10.00";
                    pix.AsObject().Remove("componentesValor");
                    foreach (var refund in pix["devolucoes"] as JsonArray ?? [])
                    {
                        refund!["valor"] = "1.00";
                    }
                }

                break;
            case "POST /v1/card/sales" or "POST /v1/card/preauthorizations":
                return OpenApiFuzzFixture.CardSale();
            case "POST /v1/card/preauthorizations/{id}/completion":
                o["amount"] = 100;
                break;
            case "POST /v1/brcode/validate":
                o["brCode"] = fixture.PixCopiaECola;
                break;
            case "POST /ops/v1/pix/keys":
                o["chave"] = "fuzz" + Guid.NewGuid().ToString("N")[..10] + "@merchant.example";
                o["merchantId"] = "m-fuzz-keys";
                o["merchantName"] = "LOJA FUZZ";
                o["merchantCity"] = "SAO PAULO";
                break;
            case "POST /ops/v1/terminals" or "POST /v1/terminals":
                o["serialNumber"] = "fuzz-" + Guid.NewGuid().ToString("N")[..12];
                o["merchantId"] = OpenApiFuzzFixture.Merchant;
                o["attestationRequired"] = false;
                break;
            case "POST /v1/terminals/me/certificate":
                o["csr"] = fixture.Csr;
                break;
            case "POST /v1/webhooks/endpoints":
                o["url"] = "https://127.0.0.1:9/hooks";
                o["eventTypes"] = new JsonArray("pix.charge.paid", "card.sale.confirmed");
                break;
            case "POST /ops/v1/webhooks/replays":
                o["from"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture);
                o["to"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                o["status"] = "dead";
                o.Remove("endpointId");
                break;
            case "POST /oauth/token":
                o["client_id"] = OpenApiFuzzFixture.Merchant;
                break;
        }

        return o;
    }
}
