using System.Text.Json.Nodes;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>
/// Builds, for one operation, its valid request (schema-valid values, with the fixture's existing objects and
/// known-good values where the handler needs real ones) and then mutated requests: each changes one place (a path,
/// query or header parameter, a body member at any depth, or the body as a whole) to a boundary or hostile value.
/// </summary>
internal sealed class FuzzCaseGenerator(FuzzOperation operation, FuzzContext context, Random random)
{
    private static readonly string[] HostileHeaders =
        ["", " ", new string('k', 256), new string('k', 8_000), "../../x", "a,b", "\"quoted\"", "%00", "key\twith\ttabs"];

    private static readonly string[] MediaTypes =
        ["text/plain", "application/xml", "application/json; charset=utf-16", "application/problem+json", "application/json-patch+json",
         "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream", "*/*", "application/json; charset=nonsense"];

    private static readonly string[] Accepts = ["text/html", "application/xml", "image/png", "text/plain;q=1, */*;q=0", "application/problem+xml"];

    private static readonly string[] HostileBodies =
        ["", "{", "[]", "\"text\"", "12", "null", "{\"a\":}", "{\"a\":1,\"a\":2}", "\u0000", "{}"];

    public FuzzCase Valid()
    {
        var path = BuildPath(null, null);
        var query = operation.Parameters.Where(p => p.In == "query" && p.Required).Select(p => (p.Name, Value: ValidQuery(p))).ToList();
        var headers = operation.Parameters.Where(p => p.In == "header").Select(p => KeyValuePair.Create(p.Name, FuzzContext.HeaderValue())).ToList();
        var body = ValidBody();
        return new FuzzCase("valid", path + QueryString(query), body is null ? null : FuzzCase.Encode(body, operation.BodyMediaType),
            operation.BodyMediaType, headers);
    }

    public FuzzCase Mutated()
    {
        var valid = Valid();
        var targets = new List<Func<FuzzCase>>();
        foreach (var parameter in operation.Parameters)
        {
            targets.Add(parameter.In switch
            {
                "path" => () => valid with
                {
                    Label = $"path {parameter.Name}",
                    Url = BuildPath(parameter.Name, Pick(SchemaValues.HostileText)) + valid.Url[(valid.Url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? q : valid.Url.Length)..],
                },
                "query" => () => MutateQuery(valid, parameter),
                _ => () => MutateHeader(valid, parameter),
            });
        }

        if (operation.BodySchema is { } schema)
        {
            // Body members get most of the attention: they are where the handlers parse.
            for (var weight = 0; weight < 4; weight++)
            {
                targets.Add(() => MutateBody(valid, ValidBody()!, schema));
            }

            targets.Add(() => valid with { Label = "whole body", Body = Pick(HostileBodies) });
            targets.Add(() => valid with { Label = "unknown member", Body = WithUnknownMember(valid.Body) });
            targets.Add(() => Pick(MediaTypes) is var mediaType ? valid with { Label = $"content type {mediaType}", MediaType = mediaType } : valid);
        }
        else if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            targets.Add(() => valid with { Label = "unexpected body", Body = Pick(HostileBodies), MediaType = "application/json" });
        }

        // Every operation: an unknown query parameter, and an Accept header that does not name JSON (the answer is
        // problem+json or JSON all the same: an API has no other representation).
        targets.Add(() => valid with { Label = "unexpected query", Url = valid.Url + (valid.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "fuzz=" + Pick(SchemaValues.HostileText) });
        targets.Add(() => Pick(Accepts) is var accept ? valid with { Label = $"Accept: {accept}", Headers = [.. valid.Headers, KeyValuePair.Create("Accept", accept)] } : valid);

        var mutated = targets[random.Next(targets.Count)]();
        // Now and then the error must also survive an Accept that names no JSON (it once came back with an empty body).
        return random.Next(8) == 0 && mutated.Headers.All(h => h.Key != "Accept")
            ? mutated with { Label = mutated.Label + " + Accept: text/html", Headers = [.. mutated.Headers, KeyValuePair.Create("Accept", "text/html")] }
            : mutated;
    }

    private FuzzCase MutateBody(FuzzCase valid, JsonNode body, JsonObject schema)
    {
        var places = Places(body, schema, []).ToList();
        if (places.Count == 0)
        {
            return valid with { Label = "whole body", Body = Pick(HostileBodies) };
        }

        var (path, placeSchema, required) = places[random.Next(places.Count)];
        var variants = SchemaValues.For(placeSchema, path[^1] is string, required);
        var variant = variants[random.Next(variants.Count)];
        var parent = Navigate(body, path[..^1]);
        switch (parent, path[^1])
        {
            case (JsonObject o, string name) when variant.Remove:
                o.Remove(name);
                break;
            case (JsonObject o, string name):
                o[name] = variant.Value?.DeepClone();
                break;
            case (JsonArray a, int index):
                a[index] = variant.Value?.DeepClone();
                break;
        }

        return valid with { Label = $"body {string.Join('.', path)}: {variant.Label}", Body = FuzzCase.Encode(body, operation.BodyMediaType) };
    }

    private FuzzCase MutateQuery(FuzzCase valid, FuzzParameter parameter)
    {
        var query = operation.Parameters.Where(p => p.In == "query" && p.Required && p.Name != parameter.Name).Select(p => (p.Name, Value: ValidQuery(p))).ToList();
        var path = valid.Url.Split('?')[0];
        var choice = random.Next(5);
        if (choice == 0)
        {
            return valid with { Label = $"query {parameter.Name}: valid", Url = path + QueryString([.. query, (parameter.Name, ValidQuery(parameter))]) };
        }

        if (choice == 1 && parameter.Required)
        {
            return valid with { Label = $"query {parameter.Name}: missing required", Url = path + QueryString(query) };
        }

        var value = Pick(SchemaValues.HostileText);
        var repeated = random.Next(6) == 0;
        var extra = repeated ? [(parameter.Name, value), (parameter.Name, ValidQuery(parameter))] : new[] { (parameter.Name, value) };
        return valid with { Label = $"query {parameter.Name}: {(repeated ? "repeated, " : "")}'{Short(value)}'", Url = path + QueryStringRaw([.. query], extra) };
    }

    private FuzzCase MutateHeader(FuzzCase valid, FuzzParameter parameter)
    {
        var others = valid.Headers.Where(h => !h.Key.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (random.Next(4) == 0)
        {
            return valid with { Label = $"header {parameter.Name}: missing", Headers = others };
        }

        var value = Pick(HostileHeaders);
        return valid with { Label = $"header {parameter.Name}: '{Short(value)}'", Headers = [.. others, KeyValuePair.Create(parameter.Name, value)] };
    }

    private JsonNode? ValidBody()
    {
        if (operation.BodySchema is not { } schema)
        {
            return null;
        }

        var body = SchemaValues.Valid(schema, random);
        return context.Adjust(operation, body);
    }

    private string ValidQuery(FuzzParameter parameter) =>
        Uri.EscapeDataString(context.ParameterValue(operation, parameter) ?? SchemaValues.Valid(parameter.Schema, random)?.ToString() ?? "");

    private string BuildPath(string? hostileName, string? hostileValue)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var value = parameter.Name == hostileName
                ? hostileValue!
                : Uri.EscapeDataString(context.ParameterValue(operation, parameter) ?? SchemaValues.ValidString(parameter.Schema, random));
            path = path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>Every member and array item of a valid body, with its schema and whether it is required.</summary>
    private static IEnumerable<(object[] Path, JsonObject Schema, bool Required)> Places(JsonNode? node, JsonObject schema, object[] path)
    {
        switch (node)
        {
            case JsonObject o when schema["properties"] is JsonObject properties:
                var required = (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                foreach (var (name, child) in o.ToList())
                {
                    var childSchema = properties[name] as JsonObject ?? [];
                    yield return ([.. path, name], childSchema, required.Contains(name));
                    foreach (var inner in Places(child, childSchema, [.. path, name]))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a when schema["items"] is JsonObject items:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return ([.. path, i], items, true);
                    foreach (var inner in Places(a[i], items, [.. path, i]))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static JsonNode? Navigate(JsonNode? node, object[] path)
    {
        foreach (var step in path)
        {
            node = step is string name ? node?[name] : node?[(int)step];
        }

        return node;
    }

    private string? WithUnknownMember(string? body)
    {
        if (body is not null && operation.BodyMediaType == "application/json" && JsonNode.Parse(body) is JsonObject o)
        {
            o["fuzzUnknownMember" + random.Next(100)] = "x";
            return o.ToJsonString();
        }

        return body + "&fuzzUnknownMember=x";
    }

    private static string QueryString(IEnumerable<(string Name, string Value)> query) => QueryStringRaw(query, []);

    private static string QueryStringRaw(IEnumerable<(string Name, string Value)> query, IEnumerable<(string Name, string Value)> raw)
    {
        var all = query.Select(q => Uri.EscapeDataString(q.Name) + "=" + q.Value).Concat(raw.Select(q => Uri.EscapeDataString(q.Name) + "=" + q.Value)).ToList();
        return all.Count == 0 ? "" : "?" + string.Join('&', all);
    }

    private string Pick(string[] values) => values[random.Next(values.Length)];

    private static string Short(string value) => value.Length > 40 ? value[..40] + $"…({value.Length})" : value;
}
