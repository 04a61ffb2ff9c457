using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gpos.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace Gpos.Webhooks.Registration;

/// <summary>Reads a small JSON object body with a hard size limit (an oversized registration is a 400, not a 1 MiB buffer).</summary>
internal static class RequestBody
{
    public static async Task<(JsonObject? Body, string? Error)> ReadObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, $"The body is larger than {maxBytes} bytes.");
        }

        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        if (read > maxBytes)
        {
            return (null, $"The body is larger than {maxBytes} bytes.");
        }

        try
        {
            return RequestJson.Parse(Encoding.UTF8.GetString(buffer, 0, read)) is JsonObject body
                ? (body, null)
                : (null, "The body must be a JSON object.");
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON.");
        }
    }

    public static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
