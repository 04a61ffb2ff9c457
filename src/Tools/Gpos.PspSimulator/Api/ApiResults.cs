using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gpos.PspSimulator.Api;

/// <summary>JSON and problem+json results (bodies are built as JSON nodes under the store's lock).</summary>
internal static class ApiResults
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Options), "application/json; charset=utf-8", statusCode: status);

    public static IResult Problem(PixProblem problem) =>
        Results.Text(problem.ToJson().ToJsonString(Options), "application/problem+json; charset=utf-8", statusCode: problem.Status);

    public static string Serialize(JsonNode body) => body.ToJsonString(Options);
}
