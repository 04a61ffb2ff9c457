using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>
/// Values from a resolved schema: a valid instance (every property present, types, formats, enums, bounds, maxLength and
/// simple patterns respected), and the boundary and hostile variants of one field.
/// </summary>
internal static class SchemaValues
{
    /// <summary>A hostile value for one place; <see cref="Remove"/> means the member is left out.</summary>
    public sealed record Variant(string Label, JsonNode? Value, bool Remove = false);

    public static JsonNode? Valid(JsonObject schema, Random random, int depth = 0)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        switch (TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                if (depth < 8)
                {
                    foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
                    {
                        result[name] = Valid((JsonObject)property!, random, depth + 1);
                    }
                }

                return result;
            case "array":
                var items = schema["items"] as JsonObject ?? [];
                return depth < 8 ? new JsonArray(Valid(items, random, depth + 1)) : [];
            case "integer":
                var min = Number(schema, "minimum") ?? 1;
                var max = Number(schema, "maximum") ?? Math.Max(min, 1000);
                return (long)min + random.NextInt64((long)Math.Max(1, max - min + 1));
            case "number":
                return 1.5m;
            case "boolean":
                return random.Next(2) == 0;
            default:
                return ValidString(schema, random);
        }
    }

    public static string ValidString(JsonObject schema, Random random)
    {
        var format = schema["format"]?.GetValue<string>();
        var text = format switch
        {
            "date-time" => DateTimeOffset.UtcNow.AddMinutes(-random.Next(60)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            "date" => "2026-11-23",
            "uuid" => Guid.NewGuid().ToString(),
            "uri" => "https://merchant.example/hooks/" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
            _ when schema["pattern"]?.GetValue<string>() is { } pattern => PatternString.Generate(pattern, random),
            _ => "fuzz" + random.Next(100_000).ToString(CultureInfo.InvariantCulture),
        };
        if (schema["maxLength"]?.GetValue<int>() is { } maxLength && text.Length > maxLength)
        {
            text = text[..maxLength];
        }

        return text;
    }

    /// <summary>Boundary and hostile replacements for a value with schema <paramref name="schema"/>.</summary>
    public static List<Variant> For(JsonObject schema, bool isMember, bool required)
    {
        var variants = new List<Variant> { new("null", null) };
        if (isMember)
        {
            variants.Add(new(required ? "missing required" : "missing optional", null, Remove: true));
        }

        var type = TypeOf(schema);
        variants.AddRange(WrongTypes(type));
        switch (type)
        {
            case "string":
                variants.AddRange(Strings(schema));
                break;
            case "integer" or "number":
                variants.AddRange(Numbers(schema));
                break;
            case "array":
                variants.Add(new("empty array", new JsonArray()));
                variants.Add(new("array of nulls", new JsonArray(null, null)));
                variants.Add(new("2,000 items", new JsonArray(Enumerable.Range(0, 2000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray())));
                break;
            case "object":
                variants.Add(new("empty object", new JsonObject()));
                variants.Add(new("object with unknown member", new JsonObject { ["fuzzUnknown"] = 1 }));
                break;
        }

        variants.Add(new("nested 40 deep", Nested(40)));
        return variants;
    }

    /// <summary>Hostile text for path, query and header values (already URL-encoded where they must be).</summary>
    public static readonly string[] HostileText =
    [
        "", " ", "%20", new string('a', 1000), new string('9', 5000), "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "..", "%00", "a%00b",
        "%F0%9F%92%A5", "%C0%AE", "%FF%FE", "'%20OR%201%3D1%20--", "%3Cscript%3E", "-1", "0", "99999999999999999999", "1e309", "NaN",
        "00000000-0000-0000-0000-000000000000", "not-a-uuid", "true", "%25", "%2F", "a;b", "2026-13-45T99:99:99Z", "%E2%80%AE",
    ];

    private static IEnumerable<Variant> WrongTypes(string type) => type switch
    {
        "string" => [new("number for string", 12345), new("bool for string", true), new("array for string", new JsonArray("x")),
                     new("object for string", new JsonObject { ["x"] = 1 })],
        "integer" or "number" => [new("string for number", "12"), new("bool for number", false), new("array for number", new JsonArray(1)),
                                  new("decimal for integer", 1.5m)],
        "boolean" => [new("string for bool", "true"), new("number for bool", 1)],
        "array" => [new("object for array", new JsonObject()), new("string for array", "x")],
        _ => [new("string for object", "x"), new("array for object", new JsonArray()), new("number for object", 1)],
    };

    private static IEnumerable<Variant> Strings(JsonObject schema)
    {
        yield return new("empty", "");
        yield return new("blank", "   ");
        yield return new("10,000 chars", new string('A', 10_000));
        yield return new("NUL", "\u0000");
        yield return new("NUL inside", "a\u0000b");
        yield return new("emoji", "💥🇧🇷");
        yield return new("lone surrogate", "\uD800");
        yield return new("right-to-left override", "\u202Eabc");
        yield return new("SQL", "' OR 1=1 --");
        yield return new("traversal", "../../etc/passwd");
        yield return new("control chars", "\r\n\t\u001b[31m");
        if (schema["maxLength"]?.GetValue<int>() is { } max)
        {
            yield return new($"maxLength {max}", new string('a', max));
            yield return new($"maxLength+1 {max + 1}", new string('a', max + 1));
        }

        if (schema["pattern"] is not null)
        {
            yield return new("pattern violation", "#$%!");
        }

        switch (schema["format"]?.GetValue<string>())
        {
            case "date-time" or "date":
                yield return new("impossible date", "2026-13-45T99:99:99Z");
                yield return new("year 0000", "0000-01-01T00:00:00Z");
                yield return new("year 9999", "9999-12-31T23:59:59Z");
                yield return new("offset +25:00", "2026-11-23T00:00:00+25:00");
                yield return new("date only", "2026-11-23");
                yield return new("words", "yesterday");
                break;
            case "uuid":
                yield return new("not a uuid", "not-a-uuid");
                yield return new("zero uuid", Guid.Empty.ToString());
                break;
            case "uri":
                yield return new("loopback uri", "https://127.0.0.1/hook");
                yield return new("file uri", "file:///etc/passwd");
                yield return new("relative uri", "/hook");
                yield return new("metadata uri", "http://169.254.169.254/latest/meta-data");
                break;
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            yield return new("not in enum", "NOT_IN_ENUM");
            yield return new("enum lower case", values[0]!.ToString().ToLowerInvariant());
        }
    }

    private static IEnumerable<Variant> Numbers(JsonObject schema)
    {
        yield return new("-1", -1);
        yield return new("0", 0);
        yield return new("int32 max", int.MaxValue);
        yield return new("int32 max+1", (long)int.MaxValue + 1);
        yield return new("int64 max", long.MaxValue);
        yield return new("int64 min", long.MinValue);
        yield return new("overflow 1e30", JsonNode.Parse("1e30"));
        yield return new("overflow 20 digits", JsonNode.Parse("99999999999999999999"));
        yield return new("-0.0", JsonNode.Parse("-0.0"));
        if (Number(schema, "minimum") is { } min)
        {
            yield return new("minimum-1", (long)min - 1);
        }

        if (Number(schema, "maximum") is { } max)
        {
            yield return new("maximum+1", (long)max + 1);
        }
    }

    /// <summary>An array nested <paramref name="depth"/> deep (the host's MaxDepth is 32).</summary>
    public static JsonNode Nested(int depth)
    {
        var builder = new StringBuilder();
        builder.Append('[', depth).Append(']', depth);
        return JsonNode.Parse(builder.ToString(), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = depth + 1 })!;
    }

    public static string TypeOf(JsonObject schema) =>
        schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : schema["items"] is not null ? "array" : "string");

    private static double? Number(JsonObject schema, string name) =>
        schema[name] is JsonValue value && double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Strings for the simple regular expressions of the API Pix schemas (classes, escapes, literals, quantifiers).</summary>
    private static class PatternString
    {
        public static string Generate(string pattern, Random random)
        {
            var p = pattern.Trim('/').TrimStart('^').TrimEnd('$');
            var builder = new StringBuilder();
            for (var i = 0; i < p.Length;)
            {
                string alphabet;
                if (p[i] == '[')
                {
                    var end = p.IndexOf(']', i);
                    alphabet = Expand(p[(i + 1)..end]);
                    i = end + 1;
                }
                else if (p[i] == '\\' && i + 1 < p.Length)
                {
                    alphabet = p[i + 1] switch { 'd' => "0123456789", 'w' => "abcXYZ019", var c => c.ToString() };
                    i += 2;
                }
                else
                {
                    alphabet = p[i].ToString();
                    i++;
                }

                var (count, next) = Quantifier(p, i);
                i = next;
                for (var n = 0; n < count; n++)
                {
                    builder.Append(alphabet[random.Next(alphabet.Length)]);
                }
            }

            var text = builder.ToString();
            return Regex.IsMatch(text, pattern.Trim('/'), RegexOptions.None, TimeSpan.FromSeconds(1)) ? text : "fuzz";
        }

        private static (int Count, int Next) Quantifier(string p, int i)
        {
            if (i >= p.Length)
            {
                return (1, i);
            }

            switch (p[i])
            {
                case '{':
                    var end = p.IndexOf('}', i);
                    var parts = p[(i + 1)..end].Split(',');
                    var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
                    var max = parts.Length > 1 && parts[1].Length > 0 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : min;
                    return (max, end + 1);
                case '+':
                    return (3, i + 1);
                case '*' or '?':
                    return (1, i + 1);
                default:
                    return (1, i);
            }
        }

        private static string Expand(string set)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < set.Length; i++)
            {
                if (set[i] == '\\' && i + 1 < set.Length)
                {
                    builder.Append(set[i + 1] == 'd' ? "0123456789" : set[i + 1].ToString());
                    i++;
                }
                else if (i + 2 < set.Length && set[i + 1] == '-')
                {
                    for (var c = set[i]; c <= set[i + 2]; c++)
                    {
                        builder.Append(c);
                    }

                    i += 2;
                }
                else
                {
                    builder.Append(set[i]);
                }
            }

            return builder.ToString();
        }
    }
}
