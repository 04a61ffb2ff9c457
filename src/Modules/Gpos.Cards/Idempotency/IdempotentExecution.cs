using System.Text;
using System.Text.Json;
using Gpos.BuildingBlocks.Http;
using Gpos.Cards.CardData;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Gpos.Cards.Idempotency;

/// <summary>Runs a mutating terminal call under its <c>Idempotency-Key</c>, storing the exact response for replays.</summary>
internal sealed class IdempotentExecution(IdempotencyStore store, PanProtector protector)
{
    public const string Header = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IResult> RunAsync(HttpContext http, string terminalId, string operation, string body,
        Func<CancellationToken, Task<(int Status, object Body)>> action)
    {
        var cancellationToken = http.RequestAborted;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length is 0 or > 255)
        {
            return ProblemResults.Problem(StatusCodes.Status400BadRequest, "Bad request",
                "The Idempotency-Key header is required (1 to 255 characters).",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["Required."] } });
        }

        var claim = await store.ClaimAsync(terminalId, key, protector.Fingerprint(operation + "\n" + body), cancellationToken);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.InFlight:
                return ProblemResults.Conflict("A request with this Idempotency-Key is still being processed; retry later.");
            case IdempotencyClaimKind.Mismatch:
                return ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different request.");
            case IdempotencyClaimKind.Replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(claim.Body, claim.ContentType, Encoding.UTF8, claim.Status);
        }

        (int Status, object Body) outcome;
        try
        {
            outcome = await action(cancellationToken);
        }
        catch
        {
            await store.ReleaseAsync(terminalId, key, CancellationToken.None);
            throw;
        }

        var contentType = outcome.Body is ProblemDetails ? "application/problem+json" : "application/json";
        var json = JsonSerializer.Serialize(outcome.Body, outcome.Body.GetType(), Json);
        await store.CompleteAsync(terminalId, key, outcome.Status, contentType, json, CancellationToken.None);
        return Results.Text(json, contentType, Encoding.UTF8, outcome.Status);
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
