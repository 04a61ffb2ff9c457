using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Gpos.Cards.Idempotency;

/// <summary>
/// One mutating request under its terminal's <c>Idempotency-Key</c>: the service claims the key in the transaction
/// that records the request, and stores the response in the transaction that records the outcome.
/// </summary>
internal sealed class IdempotentCall(IdempotencyStore store, string terminalId, string key, byte[] fingerprint)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IResult? _response;

    public string TerminalId => terminalId;

    public string Key => key;

    public byte[] Fingerprint => fingerprint;

    /// <summary>The response stored by <see cref="CompleteAsync"/>, as sent to the terminal.</summary>
    public IResult Response => _response ?? throw new InvalidOperationException("The call has not completed.");

    /// <summary>Claims the key in <paramref name="tx"/>; false when an earlier request holds it.</summary>
    public Task<bool> ClaimAsync(NpgsqlTransaction tx, CancellationToken cancellationToken) =>
        store.TryClaimAsync(tx, this, cancellationToken);

    /// <summary>Stores the response in <paramref name="tx"/>; it becomes the call's answer once that transaction commits.</summary>
    public async Task CompleteAsync(NpgsqlTransaction tx, int status, object body, CancellationToken cancellationToken)
    {
        var contentType = body is ProblemDetails ? "application/problem+json" : "application/json";
        var json = JsonSerializer.Serialize(body, body.GetType(), Json);
        await store.CompleteAsync(tx, this, status, contentType, json, cancellationToken);
        _response = Results.Text(json, contentType, Encoding.UTF8, status);
    }

    /// <summary>Frees a claim that committed before the failure that left the call without an outcome.</summary>
    public Task ReleaseAsync() => store.ReleaseAsync(this, CancellationToken.None);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}
