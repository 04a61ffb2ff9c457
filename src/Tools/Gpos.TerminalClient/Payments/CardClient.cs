using System.Net;
using System.Net.Http.Json;
using Gpos.TerminalClient.Http;

namespace Gpos.TerminalClient.Payments;

/// <summary>
/// Card calls over the terminal's mTLS client: sale (<c>POST /v1/card/sales</c>), confirm and undo. Every POST carries an
/// <c>Idempotency-Key</c>: a sale's is random and reused for its one retry; a decision's is derived from the sale id, so
/// a decision retried after a restart is the same request to GPOS.
/// </summary>
public sealed class CardClient(HttpClient http)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Sends a sale; retries once with the same key when no answer arrived.</summary>
    /// <returns>The sale, or the problem (no sale id is known when no answer ever arrived; GPOS reverses such a sale itself).</returns>
    public async Task<(CardSale? Sale, ServerProblem? Problem)> SaleAsync(CardSaleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = Guid.NewGuid().ToString("N");
        var body = new { amount = request.Amount, currency = "986", pan = request.Pan, expiry = request.Expiry, installments = request.Installments };
        ServerProblem? problem = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(RetryDelay, cancellationToken); // the first may still be waiting for the card host (409)
            }

            try
            {
                using var response = await PostAsync("/v1/card/sales", key, body, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<CardSale>(Wire.Json, cancellationToken), null);
                }

                problem = await ProblemReader.ReadAsync(response, cancellationToken);
                if (response.StatusCode != HttpStatusCode.Conflict && !Http.Transport.IsTransient(response.StatusCode))
                {
                    return (null, problem);
                }
            }
            catch (Exception ex) when (Http.Transport.IsFailure(ex, cancellationToken))
            {
                problem = ProblemReader.FromException(ex);
            }
        }

        return (null, problem);
    }

    /// <summary>Confirms or undoes a sale.</summary>
    /// <returns>The sale after the decision; or the problem, with <c>Final</c> true when retrying cannot help (404, 409).</returns>
    public async Task<(CardSale? Sale, ServerProblem? Problem, bool Final)> DecideAsync(Guid saleId, CardDecision decision,
        CancellationToken cancellationToken)
    {
        var operation = decision == CardDecision.Confirm ? "confirmation" : "undo";
        try
        {
            using var response = await PostAsync($"/v1/card/sales/{saleId}/{operation}", $"{operation}-{saleId:N}", null,
                cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<CardSale>(Wire.Json, cancellationToken), null, true);
            }

            var problem = await ProblemReader.ReadAsync(response, cancellationToken);
            return (null, problem, response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity
                || (response.StatusCode == HttpStatusCode.Conflict && problem.Detail?.Contains("still being processed", StringComparison.Ordinal) != true));
        }
        catch (Exception ex) when (Http.Transport.IsFailure(ex, cancellationToken))
        {
            return (null, ProblemReader.FromException(ex), false);
        }
    }

    /// <summary>Reads a sale of this terminal's merchant.</summary>
    public async Task<CardSale?> GetAsync(Guid saleId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/v1/card/sales/{saleId}", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CardSale>(Wire.Json, cancellationToken);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string idempotencyKey, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Wire.Json);
        }

        return await http.SendAsync(request, cancellationToken);
    }
}
