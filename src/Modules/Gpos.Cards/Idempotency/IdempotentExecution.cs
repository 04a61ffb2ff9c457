using System.Diagnostics.CodeAnalysis;
using System.Text;
using Gpos.BuildingBlocks.Http;
using Gpos.Cards.CardData;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Gpos.Cards.Idempotency;

/// <summary>
/// Runs a mutating terminal call under its <c>Idempotency-Key</c>: the first request claims the key, a retry with the same
/// body gets the stored response, a retry while the first is still running gets 409 (or, when the first is inside its one
/// transaction, waits for it and gets its response), and the same key with a different body gets 422.
/// </summary>
internal sealed class IdempotentExecution(IdempotencyStore store, PanProtector protector, NpgsqlDataSource dataSource)
{
    public const string Header = "Idempotency-Key";

    /// <summary>Reads the request's key; false, with a 400 problem, when it is missing or longer than 255 characters.</summary>
    public bool TryBegin(HttpContext http, string terminalId, string operation, string body, [NotNullWhen(true)] out IdempotentCall? call,
        [NotNullWhen(false)] out IResult? problem)
    {
        var key = http.Request.Headers[Header].ToString();
        if (key.Length is 0 or > 255)
        {
            call = null;
            problem = ProblemResults.Problem(StatusCodes.Status400BadRequest, "Bad request",
                "The Idempotency-Key header is required (1 to 255 characters).",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["Required."] } });
            return false;
        }

        call = new IdempotentCall(store, terminalId, key, protector.Fingerprint(operation + "\n" + body));
        problem = null;
        return true;
    }

    /// <summary>The answer to a request whose key an earlier request holds: its stored response, 409 or 422.</summary>
    public async Task<IResult> AnswerTakenAsync(HttpContext http, IdempotentCall call)
    {
        var claim = await store.FindAsync(call, http.RequestAborted);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.Mismatch:
                return ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different request.");
            case IdempotencyClaimKind.Replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(claim.Body, claim.ContentType, Encoding.UTF8, claim.Status);
            default:
                return ProblemResults.Conflict("A request with this Idempotency-Key is still being processed; retry later.");
        }
    }

    /// <summary>
    /// A call done in one transaction: claim the key, act, store the response, commit. Nothing is kept when the action
    /// fails, so the client's retry runs again.
    /// </summary>
    public async Task<IResult> RunAsync(HttpContext http, string terminalId, string operation, string body,
        Func<NpgsqlTransaction, CancellationToken, Task<(int Status, object Body)>> action)
    {
        if (!TryBegin(http, terminalId, operation, body, out var call, out var problem))
        {
            return problem;
        }

        var cancellationToken = http.RequestAborted;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await call.ClaimAsync(tx, cancellationToken))
            {
                var (status, response) = await action(tx, cancellationToken);
                await call.CompleteAsync(tx, status, response, cancellationToken);
                await tx.CommitAsync(CancellationToken.None);
                return call.Response;
            }
        }

        return await AnswerTakenAsync(http, call);
    }
}
