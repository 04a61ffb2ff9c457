using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gpos.BuildingBlocks.Http;

/// <summary>
/// Request bodies read as JSON documents (<see cref="JsonNode"/>). Duplicate members are refused while parsing
/// (<see cref="JsonException"/>, the caller's 400): a <see cref="JsonObject"/> holding them throws ArgumentException on
/// first access (once a 500; found by OpenApiFuzzTests), and a member given twice ("valor") would be ambiguous anyway.
/// </summary>
public static class RequestJson
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Parses <paramref name="text"/>; throws <see cref="JsonException"/> on malformed JSON or a duplicate member.</summary>
    public static JsonNode? Parse(string text) => JsonNode.Parse(text, documentOptions: Strict);
}
