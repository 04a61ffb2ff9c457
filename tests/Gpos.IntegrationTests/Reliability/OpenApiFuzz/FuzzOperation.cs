using System.Text.Json.Nodes;

namespace Gpos.IntegrationTests.Reliability.OpenApiFuzz;

/// <summary>A parameter an operation declares: in path, query or header, with its (resolved) schema.</summary>
internal sealed record FuzzParameter(string Name, string In, JsonObject Schema, bool Required);

/// <summary>
/// One operation of the served OpenAPI document (path template + method), with what the fuzzer needs: its parameters,
/// its request body schema and media type (from GPOS's document, or from the official API Pix schemas where GPOS's
/// document is thin), and whether its 2xx answer is declared JSON.
/// </summary>
internal sealed record FuzzOperation(
    string Method,
    string Path,
    IReadOnlyList<FuzzParameter> Parameters,
    JsonObject? BodySchema,
    string BodyMediaType,
    bool JsonSuccess,
    string BodySource)
{
    /// <summary>"PUT /v2/cob/{txid}": the key used in counts, exclusions and failure messages.</summary>
    public string Key => $"{Method} {Path}";

    public override string ToString() => Key;
}
