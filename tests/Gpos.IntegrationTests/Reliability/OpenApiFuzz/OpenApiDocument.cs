using System.Text.Json.Nodes;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>
/// The served Swagger document (GPOS's own, <c>/swagger/v1/swagger.json</c>) read with System.Text.Json, plus the official
/// API Pix 2.9.0 component schemas (the copy under tests/Gpos.Pix.Tests/OpenApi, converted unchanged from BACEN's YAML).
/// Schema names do not collide (GPOS names are full CLR type names with dots), so one table resolves every <c>$ref</c>.
/// </summary>
internal sealed class OpenApiDocument
{
    private const string RefPrefix = "#/components/schemas/";
    private readonly Dictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);

    private OpenApiDocument(JsonObject served, JsonObject bacen)
    {
        foreach (var source in new[] { bacen, served })
        {
            if (source["components"]?["schemas"] is JsonObject schemas)
            {
                foreach (var (name, schema) in schemas)
                {
                    _schemas[name] = (JsonObject)schema!;
                }
            }
        }

        Operations = ReadOperations(served).ToList();
    }

    public IReadOnlyList<FuzzOperation> Operations { get; }

    public static OpenApiDocument Parse(string servedJson)
    {
        var bacen = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OpenApi", "bacen-api-pix-2.9.0-schemas.json")))!;
        return new OpenApiDocument((JsonObject)JsonNode.Parse(servedJson)!, (JsonObject)bacen);
    }

    /// <summary>
    /// A schema with every <c>$ref</c> followed and every <c>allOf</c> merged (properties and required lists united);
    /// <c>oneOf</c>/<c>anyOf</c> take their first branch, which is what a valid instance needs. Depth-limited, so a
    /// recursive schema ends in an empty object.
    /// </summary>
    public JsonObject Resolve(JsonNode? schema, int depth = 0)
    {
        if (schema is not JsonObject s || depth > 12)
        {
            return [];
        }

        if (s["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference.StartsWith(RefPrefix, StringComparison.Ordinal) ? reference[RefPrefix.Length..] : reference;
            return _schemas.TryGetValue(name, out var target) ? Resolve(target, depth + 1) : [];
        }

        var result = new JsonObject();
        foreach (var (key, value) in s)
        {
            if (key is "allOf" or "oneOf" or "anyOf" or "properties" or "items" or "description" or "example")
            {
                continue;
            }

            result[key] = value?.DeepClone();
        }

        var properties = new JsonObject();
        var required = new HashSet<string>(StringComparer.Ordinal);
        Merge(s, properties, required, depth);
        foreach (var branch in (s["allOf"] as JsonArray ?? []).Append((s["oneOf"] as JsonArray)?.FirstOrDefault())
                     .Append((s["anyOf"] as JsonArray)?.FirstOrDefault()))
        {
            if (branch is null)
            {
                continue;
            }

            var resolved = Resolve(branch, depth + 1);
            Merge(resolved, properties, required, depth);
            foreach (var (key, value) in resolved)
            {
                if (key is not ("properties" or "required") && !result.ContainsKey(key))
                {
                    result[key] = value?.DeepClone();
                }
            }
        }

        if (properties.Count > 0)
        {
            result["type"] = "object";
            result["properties"] = properties;
        }

        result.Remove("required");
        if (required.Count > 0)
        {
            result["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray());
        }

        if (s["items"] is { } items)
        {
            result["items"] = Resolve(items, depth + 1);
        }

        return result;
    }

    private void Merge(JsonObject source, JsonObject properties, HashSet<string> required, int depth)
    {
        if (source["properties"] is JsonObject props)
        {
            foreach (var (name, schema) in props)
            {
                var resolved = Resolve(schema, depth + 1);
                properties[name] = properties[name] is JsonObject existing ? Union(existing, resolved) : resolved;
            }
        }

        foreach (var name in source["required"] as JsonArray ?? [])
        {
            required.Add(name!.GetValue<string>());
        }
    }

    private static JsonObject Union(JsonObject a, JsonObject b)
    {
        var merged = (JsonObject)a.DeepClone();
        foreach (var (key, value) in b)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private IEnumerable<FuzzOperation> ReadOperations(JsonObject served)
    {
        foreach (var (path, item) in (JsonObject)served["paths"]!)
        {
            foreach (var (method, node) in (JsonObject)item!)
            {
                if (method == "parameters" || node is not JsonObject operation)
                {
                    continue;
                }

                var key = $"{method.ToUpperInvariant()} {path}";
                var parameters = (operation["parameters"] as JsonArray ?? [])
                    .Select(p => new FuzzParameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), Resolve(p["schema"]),
                        p["required"]?.GetValue<bool>() == true))
                    .ToList();
                var supplement = BacenSupplement.For(key);
                parameters.AddRange(supplement.Parameters.Where(extra => parameters.TrueForAll(p => p.Name != extra.Name || p.In != extra.In))
                    .Select(extra => extra with { Schema = Resolve(extra.Schema) }));

                JsonObject? body = null;
                var mediaType = "application/json";
                var source = "none";
                if (operation["requestBody"]?["content"] is JsonObject content && content.Count > 0)
                {
                    var first = content.First();
                    mediaType = first.Key;
                    body = Resolve(first.Value?["schema"]);
                    source = "served document";
                }
                else if (supplement.Body is not null)
                {
                    body = Resolve(supplement.Body);
                    mediaType = supplement.MediaType;
                    source = supplement.Source;
                }

                var jsonSuccess = (operation["responses"] as JsonObject ?? [])
                    .Any(r => r.Key.StartsWith('2') && r.Value?["content"] is JsonObject c && c.Any(m => m.Key.Contains("json", StringComparison.Ordinal)));
                yield return new FuzzOperation(method.ToUpperInvariant(), path, parameters, body, mediaType, jsonSuccess, source);
            }
        }
    }
}
