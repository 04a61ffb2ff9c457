using System.Text.Json.Nodes;
using NJsonSchema;

namespace Gpos.Pix.Tests;

/// <summary>
/// Validation against the official API Pix schemas (bacen/pix-api 2.9.0 components/schemas, converted from the YAML to
/// OpenApi/bacen-api-pix-2.9.0-schemas.json without changes).
/// </summary>
internal static class OfficialSchemas
{
    private static readonly Lazy<string> Components = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OpenApi", "bacen-api-pix-2.9.0-schemas.json")));

    public static async Task AssertAsync(string name, JsonObject body)
    {
        // NJsonSchema resolves JSON Schema "definitions": move the OpenAPI components there, refs included. Two known
        // defects of the official document are corrected (pix-api.md §1.2 caveat): the CPF pattern is written with
        // JavaScript slashes ("/^\d{11}$/", which no CPF matches), and "location" is declared "format: uri" although
        // the spec defines it without a scheme (e.g. "pix.example.com/qr/v2/..."), which JSON Schema's uri rejects.
        // A third: list items require "idCob", a property the document never declares (dropped here, see the report).
        // A fourth: PixConsultados requires "cobs" but declares "pix" (pix-api.md §1.3: {parametros, pix[]}).
        var text = Components.Value
            .Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal)
            .Replace(@"""/^\\d{11}$/""", @"""^\\d{11}$""", StringComparison.Ordinal)
            .Replace("\"format\": \"uri\",", "", StringComparison.Ordinal)
            .Replace(",\n          \"idCob\"", "", StringComparison.Ordinal);
        var document = JsonNode.Parse(text)!.AsObject();
        document["components"]!["schemas"]!["PixConsultados"]!["required"] = new JsonArray("parametros", "pix");
        var root = new JsonObject
        {
            ["definitions"] = document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/definitions/{name}" }),
        };
        var schema = await JsonSchema.FromJsonAsync(root.ToJsonString());
        var errors = schema.Validate(body.ToJsonString());
        Assert.True(errors.Count == 0,
            $"{name} violations: {string.Join("; ", Flatten(errors).Select(e => $"{e.Path} {e.Kind}"))}\n{body.ToJsonString()}");
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? Flatten(child.Errors.SelectMany(kv => kv.Value))
            : [e]);
}
