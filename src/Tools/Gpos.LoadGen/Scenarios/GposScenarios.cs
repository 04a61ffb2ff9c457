using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Gpos.LoadGen.Hosting;
using Gpos.LoadGen.Measurement;
using Gpos.LoadGen.Running;

namespace Gpos.LoadGen.Scenarios;

/// <summary>A scenario ready to run: its operation, and what it reports besides the operation's own latency.</summary>
internal sealed record Scenario(string Name, string Description, int ItemsPerOperation, Operation Operation)
{
    /// <summary>Called between warm-up and the measured phase.</summary>
    public Action? Reset { get; init; }

    /// <summary>Checks and extra measurements after the measured phase (e.g. webhook deliveries); may add steps and errors.</summary>
    public Func<PhaseResult, CancellationToken, Task<(PhaseResult Result, string? Note)>>? FinishAsync { get; init; }
}

/// <summary>
/// The GPOS operations the load generator drives, sharing the enrolled terminals, the pool of created charges and the
/// PSP's clients. Card sales use a test PAN and amounts ending in 00, which the card host simulator approves.
/// </summary>
internal sealed class GposScenarios : IDisposable
{
    public const string MerchantId = "merchant-load";
    public const string PixKey = "pix@merchant-load.example";
    public const string ApprovedPan = "4111111111111111";
    public const int NotificationBatch = 10;

    private readonly LoadTarget _target;
    private readonly TerminalFleet _fleet;
    private readonly HttpClient _pspToGpos;
    private readonly HttpClient _pspControl;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _simulatorPayments = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _notifiedTxids = new();

    public GposScenarios(LoadTarget target, TerminalFleet fleet)
    {
        _target = target;
        _fleet = fleet;
        // GPOS's webhook endpoint accepts PSP certificates only (urn:gpos:psp:psp-sim in the dev PKI).
        _pspToGpos = target.Client(target.Mtls, target.Pki.LoadClient("psp"));
        // The simulator's control API accepts any dev-root certificate.
        _pspControl = target.Client(target.Psp, target.Pki.LoadClient("gpos-psp-client"));
    }

    public ChargePool Charges { get; } = new();

    /// <summary>The merchant's Pix key in GPOS, and GPOS's webhook registered for it at the PSP simulator. Idempotent.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        using var ops = _target.OpsClient();
        using var key = await ops.PostAsync(new Uri("/ops/v1/pix/keys", UriKind.Relative), Json($$"""
            {"chave":"{{PixKey}}","merchantId":"{{MerchantId}}","merchantName":"LOJA CARGA","merchantCity":"SAO PAULO"}
            """), cancellationToken);
        if (!key.IsSuccessStatusCode && key.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Registering the Pix key failed: {(int)key.StatusCode} {await key.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var webhookUrl = new Uri(_target.Mtls, "/v1/psp/webhook").ToString();
        using var webhook = await _pspControl.PutAsync(new Uri($"v2/webhook/{Uri.EscapeDataString(PixKey)}", UriKind.Relative),
            Json($$"""{"webhookUrl":"{{webhookUrl}}"}"""), cancellationToken);
        if (!webhook.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Registering GPOS's webhook at the PSP simulator failed: {(int)webhook.StatusCode}");
        }
    }

    public Scenario Create(ScenarioKind kind) => kind switch
    {
        ScenarioKind.Card => new Scenario("card", "card sale + confirmation (POST /v1/card/sales, ISO 8583 to the card host, then /confirmation)",
            1, CardSaleAsync),
        ScenarioKind.Cob => new Scenario("cob", "Pix charge creation (PUT /v2/cob/{txid}, GPOS calls the PSP simulator)", 1, CreateChargeAsync),
        ScenarioKind.Status => new Scenario("status", "charge status (GET /v2/cob/{txid})", 1, ChargeStatusAsync),
        ScenarioKind.Notify => new Scenario("notify", $"PSP notifications, batches of {NotificationBatch} Pix posted to /v1/psp/webhook/pix as the PSP",
            NotificationBatch, NotifyBatchAsync)
        {
            Reset = () => _notifiedTxids.Clear(),
            FinishAsync = VerifyNotifiedAsync,
        },
        ScenarioKind.NotifySim => new Scenario("notify-sim",
            "payments at the PSP simulator (POST /control/cob/{txid}/pay); it posts each notification to GPOS", 1, PayAtSimulatorAsync)
        {
            Reset = () => _simulatorPayments.Clear(),
            FinishAsync = MeasureDeliveriesAsync,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Several scenarios interleaved by weight (a fixed shuffled pattern); each one's latency is also a step.</summary>
    public Scenario CreateMix(IReadOnlyDictionary<ScenarioKind, int> weights)
    {
        var parts = weights.Where(w => w.Value > 0).ToDictionary(w => w.Key, w => Create(w.Key));
        var pattern = weights.SelectMany(w => Enumerable.Repeat(w.Key, w.Value)).ToArray();
        new Random(11).Shuffle(pattern);
        var name = "mix " + string.Join(",", weights.Where(w => w.Value > 0).Select(w => $"{ScenarioNames.Name(w.Key)}={w.Value}"));
        return new Scenario(name, "the scenarios interleaved by weight", 1, async (context, cancellationToken) =>
        {
            var part = parts[pattern[context.Sequence % pattern.Length]];
            var result = await part.Operation(context, cancellationToken);
            if (result.Status == OperationStatus.Succeeded)
            {
                context.StepFromStart(part.Name);
            }

            return result.Status == OperationStatus.Exhausted ? OperationResult.Fail($"{part.Name}: no unpaid charge left") : result;
        })
        {
            Reset = () =>
            {
                foreach (var part in parts.Values)
                {
                    part.Reset?.Invoke();
                }
            },
            FinishAsync = async (result, cancellationToken) =>
            {
                var notes = new List<string>();
                foreach (var part in parts.Values.Where(p => p.FinishAsync is not null))
                {
                    string? note;
                    (result, note) = await part.FinishAsync!(result, cancellationToken);
                    if (note is not null)
                    {
                        notes.Add(note);
                    }
                }

                return (result, notes.Count == 0 ? null : string.Join(" ", notes));
            },
        };
    }

    /// <summary>Creates charges (not measured) until at least <paramref name="unpaid"/> are waiting to be paid.</summary>
    public async Task EnsureChargesAsync(int unpaid, int concurrency, CancellationToken cancellationToken)
    {
        var missing = unpaid - Charges.UnpaidCount;
        if (missing <= 0)
        {
            return;
        }

        var failures = 0;
        await Parallel.ForAsync(0, missing, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var created = await CreateChargeAsync(new OperationContext(new PhaseMeasurement(), i, i, Stopwatch.GetTimestamp()), ct);
                if (created.Status != OperationStatus.Succeeded && Interlocked.Increment(ref failures) > 10)
                {
                    throw new InvalidOperationException($"Creating charges before the run keeps failing: {created.ErrorKind}");
                }
            });
    }

    public void Dispose()
    {
        _pspToGpos.Dispose();
        _pspControl.Dispose();
    }

    private async Task<OperationResult> CardSaleAsync(OperationContext context, CancellationToken cancellationToken)
    {
        var http = _fleet.For(context.Worker).Http;
        var amount = 1_000 + (context.Sequence % 90 * 100); // ends in 00: approved by the simulator's amount rules
        using var sale = await PostAsync(http, "/v1/card/sales",
            Json(string.Create(CultureInfo.InvariantCulture, $$"""{"amount":{{amount}},"currency":"986","pan":"{{ApprovedPan}}","expiry":"3012"}""")),
            cancellationToken);
        if (sale.StatusCode != HttpStatusCode.Created)
        {
            return OperationResult.Fail("sale " + await ErrorTally.KindOfAsync(sale, cancellationToken));
        }

        string id;
        using (var body = JsonDocument.Parse(await sale.Content.ReadAsByteArrayAsync(cancellationToken)))
        {
            var status = body.RootElement.GetProperty("status").GetString();
            if (status != "approved")
            {
                var code = body.RootElement.TryGetProperty("responseCode", out var rc) ? rc.ToString() : "";
                return OperationResult.Fail($"sale {status} {code}".TrimEnd());
            }

            id = body.RootElement.GetProperty("id").GetString()!;
        }

        context.StepFromStart("sale");
        var confirmStart = Stopwatch.GetTimestamp();
        using var confirm = await PostAsync(http, $"/v1/card/sales/{id}/confirmation", null, cancellationToken);
        if (confirm.StatusCode != HttpStatusCode.OK)
        {
            return OperationResult.Fail("confirm " + await ErrorTally.KindOfAsync(confirm, cancellationToken));
        }

        context.Step("confirm", confirmStart);
        return OperationResult.Ok;
    }

    private async Task<OperationResult> CreateChargeAsync(OperationContext context, CancellationToken cancellationToken)
    {
        var http = _fleet.For(context.Worker).Http;
        var txid = "LG" + Guid.NewGuid().ToString("N");
        var valor = 1_000 + (context.Sequence % 9_000);
        using var response = await http.PutAsync(new Uri("/v2/cob/" + txid, UriKind.Relative), Json($$"""
            {"calendario":{"expiracao":3600},"valor":{"original":"{{Money(valor)}}"},"chave":"{{PixKey}}"}
            """), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return OperationResult.Fail(await ErrorTally.KindOfAsync(response, cancellationToken));
        }

        Charges.Add(new PayableCharge(txid, valor));
        return OperationResult.Ok;
    }

    private async Task<OperationResult> ChargeStatusAsync(OperationContext context, CancellationToken cancellationToken)
    {
        if (Charges.AnyKnown(context.Sequence) is not { } txid)
        {
            return OperationResult.Exhausted;
        }

        using var response = await _fleet.For(context.Worker).Http.GetAsync(new Uri("/v2/cob/" + txid, UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? OperationResult.Ok : OperationResult.Fail(await ErrorTally.KindOfAsync(response, cancellationToken));
    }

    private async Task<OperationResult> NotifyBatchAsync(OperationContext context, CancellationToken cancellationToken)
    {
        if (!Charges.TryTake(NotificationBatch, out var charges))
        {
            return OperationResult.Exhausted;
        }

        var body = new StringBuilder("{\"pix\":[");
        var horario = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < charges.Length; i++)
        {
            body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"endToEndId":"{{NewEndToEndId()}}","txid":"{{charges[i].Txid}}","valor":"{{Money(charges[i].ValorCentavos)}}","chave":"{{PixKey}}","horario":"{{horario}}"}""");
        }

        using var response = await _pspToGpos.PostAsync(new Uri("/v1/psp/webhook/pix", UriKind.Relative), Json(body.Append("]}").ToString()),
            cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return OperationResult.Fail(await ErrorTally.KindOfAsync(response, cancellationToken));
        }

        _notifiedTxids.Enqueue(charges[^1].Txid);
        return OperationResult.Ok;
    }

    private async Task<OperationResult> PayAtSimulatorAsync(OperationContext context, CancellationToken cancellationToken)
    {
        if (!Charges.TryTake(1, out var charges))
        {
            return OperationResult.Exhausted;
        }

        var e2eid = NewEndToEndId();
        _simulatorPayments[e2eid] = context.StartWallClock;
        using var response = await _pspControl.PostAsync(new Uri($"control/cob/{charges[0].Txid}/pay", UriKind.Relative),
            Json($$"""{"endToEndId":"{{e2eid}}"}"""), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            _simulatorPayments.TryRemove(e2eid, out _);
            return OperationResult.Fail("pay " + await ErrorTally.KindOfAsync(response, cancellationToken));
        }

        return OperationResult.Ok;
    }

    /// <summary>Notifications are processed before GPOS answers: a sample of the paid charges must already be CONCLUIDA.</summary>
    private async Task<(PhaseResult, string?)> VerifyNotifiedAsync(PhaseResult result, CancellationToken cancellationToken)
    {
        var sample = _notifiedTxids.Take(20).ToList();
        var errors = new Dictionary<string, long>(result.Errors, StringComparer.Ordinal);
        var http = _fleet.For(0).Http;
        foreach (var txid in sample)
        {
            using var response = await http.GetAsync(new Uri("/v2/cob/" + txid, UriKind.Relative), cancellationToken);
            var kind = "charge not CONCLUIDA after its notification";
            if (response.IsSuccessStatusCode)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
                kind = body.RootElement.GetProperty("status").GetString() == "CONCLUIDA" ? "" : kind;
            }

            if (kind.Length > 0)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + 1;
            }
        }

        var failed = errors.Values.Sum() - result.Errors.Values.Sum();
        return (result with { Errors = errors, Failed = result.Failed + failed },
            $"{sample.Count} notified charges read back: {sample.Count - failed} CONCLUIDA.");
    }

    /// <summary>
    /// Reads the simulator's delivery log until every payment of the phase was delivered to GPOS (or 30 s pass), and
    /// records each delivery's latency from the payment's intended time to the end of GPOS's 2xx answer.
    /// </summary>
    private async Task<(PhaseResult, string?)> MeasureDeliveriesAsync(PhaseResult result, CancellationToken cancellationToken)
    {
        var payments = new Dictionary<string, DateTimeOffset>(_simulatorPayments, StringComparer.Ordinal);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        Dictionary<string, (string Outcome, DateTimeOffset? At)> mine;
        while (true)
        {
            mine = await DeliveriesAsync(payments, cancellationToken);
            if (mine.Values.All(d => d.Outcome != "pending") && mine.Count >= payments.Count || DateTimeOffset.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        var recorder = new LatencyRecorder();
        var errors = new Dictionary<string, long>(result.Errors, StringComparer.Ordinal);
        DateTimeOffset? first = null, last = null;
        foreach (var (e2eid, paidAt) in payments)
        {
            if (mine.TryGetValue(e2eid, out var delivery) && delivery is { Outcome: "delivered", At: { } at })
            {
                recorder.Record(at - paidAt);
                first = first is null || paidAt < first ? paidAt : first;
                last = last is null || at > last ? at : last;
            }
            else
            {
                var kind = "webhook " + (mine.TryGetValue(e2eid, out var other) ? other.Outcome : "not sent");
                errors[kind] = errors.GetValueOrDefault(kind) + 1;
            }
        }

        var steps = new Dictionary<string, LatencySummary>(result.Steps, StringComparer.Ordinal) { ["delivered to GPOS"] = recorder.Summarize() };
        var delivered = recorder.Count;
        var span = first is not null && last is not null ? (last.Value - first.Value).TotalSeconds : 0;
        var rate = span > 0 ? string.Create(CultureInfo.InvariantCulture, $", {delivered / span:0} Pix/s from the first payment to the last delivery.") : ".";
        var note = string.Create(CultureInfo.InvariantCulture, $"{delivered} of {payments.Count} notifications delivered to GPOS{rate}");
        return (result with { Steps = steps, Errors = errors, Failed = result.Failed + (payments.Count - delivered) }, note);
    }

    private async Task<Dictionary<string, (string Outcome, DateTimeOffset? At)>> DeliveriesAsync(Dictionary<string, DateTimeOffset> payments,
        CancellationToken cancellationToken)
    {
        using var response = await _pspControl.GetAsync(new Uri("control/webhooks/deliveries", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var mine = new Dictionary<string, (string, DateTimeOffset?)>(StringComparer.Ordinal);
        foreach (var delivery in body.RootElement.GetProperty("deliveries").EnumerateArray())
        {
            if (delivery.GetProperty("reason").GetString() != "pix")
            {
                continue;
            }

            foreach (var pix in delivery.GetProperty("body").GetProperty("pix").EnumerateArray())
            {
                var e2eid = pix.GetProperty("endToEndId").GetString()!;
                if (!payments.ContainsKey(e2eid))
                {
                    continue;
                }

                var attempts = delivery.GetProperty("attempts");
                DateTimeOffset? at = attempts.GetArrayLength() == 0 ? null
                    : DateTimeOffset.Parse(attempts[attempts.GetArrayLength() - 1].GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
                mine[e2eid] = (delivery.GetProperty("outcome").GetString()!, at);
            }
        }

        return mine;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await http.SendAsync(request, cancellationToken);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Money(long centavos) =>
        string.Create(CultureInfo.InvariantCulture, $"{centavos / 100}.{centavos % 100:D2}");

    /// <summary>E + payer ISPB (8) + yyyyMMddHHmm (UTC) + 11 alphanumerics (pix-api.md §2.1).</summary>
    private static string NewEndToEndId() =>
        "E60746948" + DateTime.UtcNow.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..11];
}
