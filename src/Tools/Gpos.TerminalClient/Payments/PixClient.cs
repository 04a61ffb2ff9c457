using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gpos.TerminalClient.Http;

namespace Gpos.TerminalClient.Payments;

/// <summary>
/// Pix calls over the terminal's mTLS client (API Pix, <c>/v2/cob</c>). The terminal chooses the txid, so creating a
/// charge is <c>PUT /v2/cob/{txid}</c>: a retry with the same txid and body returns the same charge (API Pix TXID
/// idempotency), which is why the one retry after a lost answer is safe.
/// </summary>
public sealed class PixClient(HttpClient http)
{
    /// <summary>A new txid: 32 characters of [a-f0-9], inside API Pix's <c>[a-zA-Z0-9]{26,35}</c>.</summary>
    public static string NewTxid() => Guid.NewGuid().ToString("N");

    /// <summary>Creates an immediate charge of <paramref name="centavos"/> to the merchant's Pix key <paramref name="chave"/>.</summary>
    public async Task<(PixCharge? Charge, ServerProblem? Problem)> CreateChargeAsync(string txid, long centavos, string chave,
        string? description, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["calendario"] = new JsonObject { ["expiracao"] = 3600 },
            ["valor"] = new JsonObject { ["original"] = Money.Format(centavos) },
            ["chave"] = chave,
        };
        if (!string.IsNullOrEmpty(description))
        {
            body["solicitacaoPagador"] = description;
        }

        ServerProblem? problem = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var response = await http.PutAsJsonAsync(new Uri($"/v2/cob/{txid}", UriKind.Relative), body, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (Read(await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)), null);
                }

                problem = await ProblemReader.ReadAsync(response, cancellationToken);
                if (!Http.Transport.IsTransient(response.StatusCode))
                {
                    break;
                }
            }
            catch (Exception ex) when (Http.Transport.IsFailure(ex, cancellationToken))
            {
                problem = ProblemReader.FromException(ex);
            }
        }

        return (null, problem);
    }

    /// <summary>Reads a charge (<c>GET /v2/cob/{txid}</c>).</summary>
    public async Task<(PixCharge? Charge, ServerProblem? Problem)> GetChargeAsync(string txid, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"/v2/cob/{Uri.EscapeDataString(txid)}", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode
                ? (Read(await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)), null)
                : (null, await ProblemReader.ReadAsync(response, cancellationToken));
        }
        catch (Exception ex) when (Http.Transport.IsFailure(ex, cancellationToken))
        {
            return (null, ProblemReader.FromException(ex));
        }
    }

    /// <summary>
    /// Asks for a devolução of <paramref name="centavos"/> of the received Pix <paramref name="endToEndId"/>
    /// (<c>PUT /v2/pix/{e2eid}/devolucao/{id}</c>). The id names this refund: repeating it with the same amount finishes the
    /// same refund, so the one retry after a lost answer is safe; GPOS refuses a reused id with another amount.
    /// </summary>
    public async Task<(PixRefund? Refund, ServerProblem? Problem)> RefundAsync(string endToEndId, string id, long centavos,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["valor"] = Money.Format(centavos) };
        var path = new Uri($"/v2/pix/{Uri.EscapeDataString(endToEndId)}/devolucao/{Uri.EscapeDataString(id)}", UriKind.Relative);
        ServerProblem? problem = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var response = await http.PutAsJsonAsync(path, body, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var devolucao = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                    return (new PixRefund(devolucao?["id"]?.GetValue<string>() ?? id, devolucao?["valor"]?.GetValue<string>() ?? "",
                        devolucao?["status"]?.GetValue<string>() ?? "", devolucao?["rtrId"]?.GetValue<string>()), null);
                }

                problem = await ProblemReader.ReadAsync(response, cancellationToken);
                if (!Http.Transport.IsTransient(response.StatusCode))
                {
                    break;
                }
            }
            catch (Exception ex) when (Http.Transport.IsFailure(ex, cancellationToken))
            {
                problem = ProblemReader.FromException(ex);
            }
        }

        return (null, problem);
    }

    private static PixCharge? Read(JsonObject? cob) => cob is null ? null : new PixCharge(
        cob["txid"]?.GetValue<string>() ?? "",
        cob["status"]?.GetValue<string>() ?? "",
        cob["valor"]?["original"]?.GetValue<string>() ?? "",
        cob["pixCopiaECola"]?.GetValue<string>(),
        cob["pix"] is JsonArray pix ? [.. pix.Select(p => p?["endToEndId"]?.GetValue<string>() ?? "")] : []);
}
