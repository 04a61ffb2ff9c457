using System.Text.Json.Nodes;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>
/// What GPOS's served document leaves out, for the operations whose handlers read the body or query themselves (the API
/// Pix surface keeps BACEN's exact field names and errors, so Swashbuckle sees no typed body): the request body schemas
/// of the official API Pix 2.9.0 (<c>CobSolicitada</c>, <c>CobRevisada</c>, <c>DevolucaoSolicitada</c>,
/// <c>WebhookSolicitado</c>, the webhook callback <c>{"pix":[Pix]}</c>), the query parameters of its <c>GET /cob</c>,
/// <c>GET /pix</c> and <c>GET /webhook</c>, and the <c>Idempotency-Key</c> header of GPOS's own POSTs. Operations of
/// the served document not named here are fuzzed from the served document alone.
/// </summary>
internal static class BacenSupplement
{
    public sealed record Extra(JsonObject? Body, string MediaType, string Source, IReadOnlyList<FuzzParameter> Parameters);

    private static readonly Extra None = new(null, "application/json", "none", []);

    public static Extra For(string key) => key switch
    {
        "PUT /v2/cob/{txid}" or "POST /v2/cob" => Bacen("CobSolicitada", key == "POST /v2/cob" ? [IdempotencyKey] : []),
        "PATCH /v2/cob/{txid}" => Bacen("CobRevisada", []),
        "PUT /v2/pix/{e2eid}/devolucao/{id}" => Bacen("DevolucaoSolicitada", []),
        "PUT /v2/webhook/{chave}" => Bacen("WebhookSolicitado", []),
        "POST /v1/psp/webhook" or "POST /v1/psp/webhook/pix" => new Extra(
            Object(("pix", new JsonObject { ["type"] = "array", ["items"] = Ref("Pix") })), "application/json",
            "API Pix 2.9.0 webhook callback {\"pix\":[Pix]}", []),
        "GET /v2/cob" => new Extra(null, "application/json", "none",
            [.. Period, Query("cpf", String("^\\d{11}$")), Query("cnpj", String("^\\d{14}$")), Query("locationPresente", Boolean()),
             Query("status", Enum("ATIVA", "CONCLUIDA", "REMOVIDA_PELO_USUARIO_RECEBEDOR", "REMOVIDA_PELO_PSP")), .. Paging]),
        "GET /v2/pix" => new Extra(null, "application/json", "none",
            [.. Period, Query("txid", String("^[a-zA-Z0-9]{26,35}$")), Query("txIdPresente", Boolean()),
             Query("devolucaoPresente", Boolean()), Query("cpf", String("^\\d{11}$")), .. Paging]),
        "GET /v2/webhook" => new Extra(null, "application/json", "none", [.. OptionalPeriod, .. Paging]),
        "POST /oauth/token" => new Extra(
            Object(("grant_type", Enum("client_credentials")), ("scope", Enum("cob.read cob.write pix.read pix.write")), ("client_id", String(null))),
            "application/x-www-form-urlencoded", "RFC 6749 §4.4 client credentials", []),
        _ when key.StartsWith("POST /v1/card/", StringComparison.Ordinal) => new Extra(null, "application/json", "none", [IdempotencyKey]),
        _ => None,
    };

    private static FuzzParameter IdempotencyKey => new("Idempotency-Key", "header", String("^[A-Za-z0-9-]{1,255}$", maxLength: 255), true);

    private static FuzzParameter[] Period =>
    [
        new("inicio", "query", DateTime(), true),
        new("fim", "query", DateTime(), true),
    ];

    private static FuzzParameter[] OptionalPeriod => [Query("inicio", DateTime()), Query("fim", DateTime())];

    private static FuzzParameter[] Paging =>
    [
        Query("paginacao.paginaAtual", new JsonObject { ["type"] = "integer", ["format"] = "int32", ["minimum"] = 0 }),
        Query("paginacao.itensPorPagina", new JsonObject { ["type"] = "integer", ["format"] = "int32", ["minimum"] = 1, ["maximum"] = 1000 }),
    ];

    private static Extra Bacen(string schema, FuzzParameter[] parameters) =>
        new(Ref(schema), "application/json", $"API Pix 2.9.0 {schema}", parameters);

    private static FuzzParameter Query(string name, JsonObject schema) => new(name, "query", schema, false);

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private static JsonObject Object(params (string Name, JsonObject Schema)[] properties) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema))),
        ["required"] = new JsonArray(properties.Take(1).Select(p => (JsonNode)p.Name).ToArray()),
    };

    private static JsonObject String(string? pattern, int? maxLength = null)
    {
        var schema = new JsonObject { ["type"] = "string" };
        if (pattern is not null)
        {
            schema["pattern"] = pattern;
        }

        if (maxLength is not null)
        {
            schema["maxLength"] = maxLength;
        }

        return schema;
    }

    private static JsonObject DateTime() => new() { ["type"] = "string", ["format"] = "date-time" };

    private static JsonObject Boolean() => new() { ["type"] = "boolean" };

    private static JsonObject Enum(params string[] values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()) };
}
