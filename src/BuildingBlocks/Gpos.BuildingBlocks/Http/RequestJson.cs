using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gpos.BuildingBlocks.Http;

/// <summary>
/// Request bodies read as JSON documents (<see cref="JsonNode"/>). Duplicate members are refused while parsing
/// (<see cref="JsonException"/>, the caller's 400): a <see cref="JsonObject"/> holding them throws ArgumentException on
/// first access (once a 500; found by OpenApiFuzzTests), and a member given twice ("valor") would be ambiguous anyway.
/// U+0000 in a string or a member name is refused too: PostgreSQL's text and jsonb cannot hold it, so such a body could
/// never be recorded and would fail as a 500 on every retry.
/// </summary>
public static class RequestJson
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="JsonException"/> on malformed JSON, a duplicate member or U+0000.
    /// </summary>
    public static JsonNode? Parse(string text)
    {
        var node = JsonNode.Parse(text, documentOptions: Strict);
        if (HasNul(node))
        {
            throw new JsonException("The JSON document contains U+0000, which cannot be stored.");
        }

        return node;
    }

    private static bool HasNul(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(member => member.Key.Contains('\0', StringComparison.Ordinal) || HasNul(member.Value)),
        JsonArray a => a.Any(HasNul),
        JsonValue v => v.TryGetValue<string>(out var text) && text.Contains('\0', StringComparison.Ordinal),
        _ => false,
    };
}
