using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Gpos.LoadGen.Measurement;
using Gpos.LoadGen.Running;
using Gpos.LoadGen.Scenarios;

namespace Gpos.LoadGen.Soak;

/// <summary>
/// The soak's mixed operations. Unlike the suite's, they expect faults: a declined sale, a 503 <c>ServicoIndisponivel</c>
/// with <c>Retry-After</c>, a 4xx to a bad input are outcomes (counted in <see cref="SoakJournal.Outcomes"/>); only an
/// answer GPOS must never give (a 500, a 503 without Retry-After, an error that is not problem+json, a hang) fails.
/// Every 2xx is journaled for the audit.
/// </summary>
internal sealed class SoakOperations(TerminalFleet fleet, HttpClient pspControl, ChargePool charges, SoakJournal journal)
{
    /// <summary>The mix by weight: card 40, cob 25, status 15, pay 15, bad 5.</summary>
    private static readonly (string Kind, int Weight)[] Weights = [("card", 40), ("cob", 25), ("status", 15), ("pay", 15), ("bad", 5)];

    private readonly string[] _pattern = Pattern();
    private long _badInputs;

    /// <summary>One operation of the mix, chosen by the sequence number (a fixed shuffled pattern of the weights).</summary>
    public async Task<OperationResult> NextAsync(OperationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kind = _pattern[context.Sequence % _pattern.Length];
        journal.Operations.Add(kind);
        var http = fleet.For(context.Worker).Http;
        var result = kind switch
        {
            "card" => await CardAsync(http, context.Sequence, cancellationToken),
            "cob" => await CobAsync(http, context.Sequence, cancellationToken),
            "status" => await StatusAsync(http, context.Sequence, cancellationToken),
            "pay" => await PayAsync(cancellationToken),
            _ => await BadInputAsync(http, cancellationToken),
        };
        if (result.Status == OperationStatus.Succeeded)
        {
            context.StepFromStart(kind);
        }

        return result;
    }

    private async Task<OperationResult> CardAsync(HttpClient http, long sequence, CancellationToken cancellationToken)
    {
        var amount = 1_000 + (sequence % 90 * 100); // ends in 00: approved by the simulator's amount rules unless a fault hits
        using var sale = await PostAsync(http, "/v1/card/sales",
            string.Create(CultureInfo.InvariantCulture, $$"""{"amount":{{amount}},"currency":"986","pan":"{{GposScenarios.ApprovedPan}}","expiry":"3012"}"""),
            cancellationToken);
        if (sale.StatusCode != HttpStatusCode.Created)
        {
            return await RefusalAsync("card sale", sale, cancellationToken);
        }

        string id, status;
        using (var body = JsonDocument.Parse(await sale.Content.ReadAsByteArrayAsync(cancellationToken)))
        {
            id = body.RootElement.GetProperty("id").GetString()!;
            status = body.RootElement.GetProperty("status").GetString()!;
            journal.Sales.TryAdd(id, 0);
            if (status != "approved")
            {
                var reason = body.RootElement.TryGetProperty("reason", out var r) ? r.ToString()
                    : body.RootElement.TryGetProperty("responseCode", out var rc) ? rc.ToString() : "";
                journal.Outcomes.Add($"card sale {status} {reason}".TrimEnd());
                return OperationResult.Ok;
            }
        }

        // TEF practice: most sales are confirmed, some undone, some left for the confirmation window to reverse.
        var choice = sequence % 20;
        if (choice >= 17)
        {
            journal.Outcomes.Add("card sale approved, left unconfirmed");
            return OperationResult.Ok;
        }

        var (path, set, name) = choice < 14 ? ("confirmation", journal.Confirmed, "confirmed") : ("undo", journal.Undone, "undone");
        using var decided = await PostAsync(http, $"/v1/card/sales/{id}/{path}", null, cancellationToken);
        if (decided.StatusCode != HttpStatusCode.OK)
        {
            return await RefusalAsync("card " + path, decided, cancellationToken);
        }

        set.TryAdd(id, 0);
        journal.Outcomes.Add("card sale approved, " + name);
        return OperationResult.Ok;
    }

    private async Task<OperationResult> CobAsync(HttpClient http, long sequence, CancellationToken cancellationToken)
    {
        var txid = "SK" + Guid.NewGuid().ToString("N");
        var valor = 1_000 + (sequence % 9_000);
        var sent = DateTimeOffset.UtcNow;
        using var response = await http.PutAsync(new Uri("/v2/cob/" + txid, UriKind.Relative), Json($$"""
            {"calendario":{"expiracao":3600},"valor":{"original":"{{Money(valor)}}"},"chave":"{{GposScenarios.PixKey}}"}
            """), cancellationToken);
        var unavailable = IsWellFormedUnavailable(response);
        journal.CobAnswers.Enqueue(new CobAnswer(sent, DateTimeOffset.UtcNow, (int)response.StatusCode, unavailable));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return await RefusalAsync("cob", response, cancellationToken);
        }

        journal.Charges.TryAdd(txid, 0);
        charges.Add(new PayableCharge(txid, valor));
        journal.Outcomes.Add("cob 201");
        return OperationResult.Ok;
    }

    private async Task<OperationResult> StatusAsync(HttpClient http, long sequence, CancellationToken cancellationToken)
    {
        if (charges.AnyKnown(sequence) is not { } txid)
        {
            journal.Outcomes.Add("status: no charge yet");
            return OperationResult.Ok;
        }

        using var response = await http.GetAsync(new Uri("/v2/cob/" + txid, UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return OperationResult.Fail("status " + await ErrorTally.KindOfAsync(response, cancellationToken));
        }

        journal.Outcomes.Add("status 200");
        return OperationResult.Ok;
    }

    /// <summary>A payer pays an acknowledged charge at the PSP; the PSP notifies GPOS (and retries) on its own.</summary>
    private async Task<OperationResult> PayAsync(CancellationToken cancellationToken)
    {
        if (!charges.TryTake(1, out var taken))
        {
            journal.Outcomes.Add("pay: no unpaid charge");
            return OperationResult.Ok;
        }

        var e2eid = "E60746948" + DateTime.UtcNow.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..11];
        using var response = await pspControl.PostAsync(new Uri($"control/cob/{taken[0].Txid}/pay", UriKind.Relative),
            Json($$"""{"endToEndId":"{{e2eid}}"}"""), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return OperationResult.Fail("pay at the PSP " + await ErrorTally.KindOfAsync(response, cancellationToken));
        }

        journal.AddPayment(e2eid, taken[0].Txid);
        journal.Outcomes.Add("pay 200 at the PSP");
        return OperationResult.Ok;
    }

    /// <summary>A malformed or invalid request: GPOS must answer 4xx problem+json and write nothing, outage or not.</summary>
    private async Task<OperationResult> BadInputAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var txid = "SKBAD" + Guid.NewGuid().ToString("N");
        // Round robin over the bad inputs (the sequence number would pick the same few: the mix pattern is periodic).
        var (name, request) = (Interlocked.Increment(ref _badInputs) % 5) switch
        {
            0 => ("cob valor not a number", Put("/v2/cob/" + txid, $$"""{"calendario":{"expiracao":3600},"valor":{"original":"1O.00"},"chave":"{{GposScenarios.PixKey}}"}""")),
            1 => ("cob unknown member", Put("/v2/cob/" + txid, $$"""{"calendario":{"expiracao":3600},"valor":{"original":"10.00"},"chave":"{{GposScenarios.PixKey}}","x":1}""")),
            2 => ("card sale truncated JSON", Post("/v1/card/sales", """{"amount":1000,"currency":"986","pan":"41111111""")),
            3 => ("card sale negative amount", Post("/v1/card/sales", $$"""{"amount":-100,"currency":"986","pan":"{{GposScenarios.ApprovedPan}}","expiry":"3012"}""")),
            _ => ("cob NUL in a text", Put("/v2/cob/" + txid, $$"""{"calendario":{"expiracao":3600},"valor":{"original":"10.00"},"chave":"{{GposScenarios.PixKey}}","solicitacaoPagador":"a\u0000b"}""")),
        };
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status is >= 400 and < 500 && problem)
            {
                journal.Outcomes.Add($"bad input ({name}) {status}");
                return OperationResult.Ok;
            }

            return OperationResult.Fail($"bad input ({name}) answered " + await ErrorTally.KindOfAsync(response, cancellationToken));
        }
    }

    /// <summary>
    /// A refusal is an outcome when it is a well-formed problem: 503 with Retry-After (dependency unavailable), 409 or 4xx
    /// problem+json. Anything else (500, 503 without Retry-After, not problem+json) is an error.
    /// </summary>
    private async Task<OperationResult> RefusalAsync(string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var kind = $"{what} " + await ErrorTally.KindOfAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        if (status == 503 && problem && response.Headers.RetryAfter is not null)
        {
            journal.Outcomes.Add(kind);
            return OperationResult.Ok;
        }

        return OperationResult.Fail(problem ? kind : kind + " (not problem+json)");
    }

    private static bool IsWellFormedUnavailable(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
        && response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private static string[] Pattern()
    {
        var pattern = Weights.SelectMany(w => Enumerable.Repeat(w.Kind, w.Weight)).ToArray();
        new Random(12).Shuffle(pattern);
        return pattern;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = Post(path, json);
        return await http.SendAsync(request, cancellationToken);
    }

    private static HttpRequestMessage Post(string path, string? json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = json is null ? null : Json(json) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    private static HttpRequestMessage Put(string path, string json) =>
        new(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = Json(json) };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Money(long centavos) =>
        string.Create(CultureInfo.InvariantCulture, $"{centavos / 100}.{centavos % 100:D2}");
}
