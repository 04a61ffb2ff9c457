using Gpos.PspSimulator.Api;
using Gpos.PspSimulator.Faults;

namespace Gpos.PspSimulator.Control;

/// <summary><c>POST /control/faults</c>: adds one fault rule.</summary>
internal static class FaultEndpoints
{
    public static async Task<IResult> AddAsync(HttpRequest request, FaultBoard faults, CancellationToken cancellationToken)
    {
        var body = await ControlJson.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return ControlJson.BadBody("The body must be a JSON object.");
        }

        var endpoint = body.String("endpoint") ?? "*";
        var kind = body.String("kind");
        var key = body.String("txid") ?? body.String("e2eid") ?? body.String("key");
        var latency = body.Int("latencyMs") ?? 0;
        var status = body.Int("status") ?? 503;
        var retryAfter = body.Int("retryAfter");
        var count = body.Int("count");
        var afterHeaders = body.Bool("afterHeaders") ?? false;
        if (!FaultKind.IsKnown(kind))
        {
            body.Errors.Add("kind must be latency, error, hang or commitThenDrop");
        }

        if (kind == FaultKind.Latency && latency <= 0)
        {
            body.Errors.Add("latencyMs must be positive");
        }

        if (kind == FaultKind.Error && status is < 500 or > 599)
        {
            body.Errors.Add("status must be a 5xx code");
        }

        if (count is <= 0)
        {
            body.Errors.Add("count must be positive (omit it for 'until removed')");
        }

        if (body.Errors.Count > 0)
        {
            return ControlJson.BadBody(string.Join("; ", body.Errors));
        }

        var rule = faults.Add(id => new FaultRule
        {
            Id = id,
            Endpoint = endpoint == "*" ? "*" : SimEndpoint.Normalize(endpoint),
            Key = key,
            Kind = kind!,
            LatencyMs = latency,
            Status = status,
            RetryAfterSeconds = retryAfter,
            AfterHeaders = afterHeaders,
            Remaining = count,
        });
        return ApiResults.Json(rule.ToJson(), StatusCodes.Status201Created);
    }
}
