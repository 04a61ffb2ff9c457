using System.Net.Http.Json;
using System.Text.Json;

namespace Gpos.TerminalClient.Http;

/// <summary>Reads a problem+json body, tolerating a body that is not one (a proxy's HTML page, an empty 502).</summary>
internal static class ProblemReader
{
    public static async Task<ServerProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemResponse>(Wire.Json, cancellationToken);
            return new ServerProblem(problem?.Status ?? status, problem?.Type, problem?.Title ?? response.ReasonPhrase, problem?.Detail);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return new ServerProblem(status, null, response.ReasonPhrase, null);
        }
    }

    /// <summary>A failure that produced no HTTP response (connection refused, TLS refused, timeout).</summary>
    public static ServerProblem FromException(Exception exception) =>
        new(null, null, exception.GetType().Name, Flatten(exception));

    private static string Flatten(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" -> ", messages.Distinct(StringComparer.Ordinal));
    }
}
