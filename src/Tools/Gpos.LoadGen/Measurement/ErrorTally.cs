using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;

namespace Gpos.LoadGen.Measurement;

/// <summary>Failed operations counted by kind: <c>HTTP 409 {problem type}</c>, <c>timeout</c>, or the exception's type.</summary>
internal sealed class ErrorTally
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public void Add(string kind) => _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The kind of a response that was not the expected one: its status and, for problem+json, its type.</summary>
    public static async Task<string> KindOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = $"HTTP {(int)response.StatusCode}";
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return status;
        }

        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("type", out var type)
                   && type.ValueKind == JsonValueKind.String
                ? $"{status} {type.GetString()}"
                : status;
        }
        catch (JsonException)
        {
            return status;
        }
    }

    /// <summary>The kind of an exception thrown by an operation (the caller's own cancellation is not an error).</summary>
    public static string KindOf(Exception exception) => exception switch
    {
        TaskCanceledException or TimeoutException => "timeout",
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => $"{nameof(HttpRequestException)} {http.HttpRequestError}",
        HttpRequestException { StatusCode: HttpStatusCode status } => $"{nameof(HttpRequestException)} {(int)status}",
        SocketException socket => $"{nameof(SocketException)} {socket.SocketErrorCode}",
        AuthenticationException or IOException or HttpRequestException => exception.GetType().Name,
        _ => exception.GetType().Name,
    };
}
