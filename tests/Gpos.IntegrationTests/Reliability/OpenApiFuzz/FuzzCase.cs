using System.Text;
using System.Text.Json.Nodes;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>One request the fuzzer sends: what was changed (for the failure message), the URL, headers and body.</summary>
internal sealed record FuzzCase(string Label, string Url, string? Body, string? MediaType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public HttpRequestMessage ToRequest(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Url, UriKind.Relative));
        if (Body is not null)
        {
            request.Content = new StringContent(Body, Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", MediaType ?? "application/json");
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>What a failure message shows: enough to resend the request by hand.</summary>
    public string Describe(string method)
    {
        var body = Body is null ? "(no body)" : Body.Length > 600 ? Body[..600] + $"… ({Body.Length} chars)" : Body;
        var url = Url.Length > 300 ? Url[..300] + $"… ({Url.Length} chars)" : Url;
        var headers = string.Join(", ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 80 ? h.Value[..80] + "…" : h.Value)}"));
        return $"[{Label}] {method} {url} headers {{{headers}}} body {body}";
    }

    /// <summary>A JSON body as the media type wants it (form fields for application/x-www-form-urlencoded).</summary>
    public static string Encode(JsonNode? body, string mediaType)
    {
        if (mediaType != "application/x-www-form-urlencoded" || body is not JsonObject form)
        {
            return body?.ToJsonString() ?? "null";
        }

        return string.Join('&', form.Select(f => Uri.EscapeDataString(f.Key) + "=" +
                                                 Uri.EscapeDataString(f.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : f.Value?.ToJsonString() ?? "")));
    }
}
