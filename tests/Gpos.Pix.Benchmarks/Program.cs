using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gpos.PspSimulator;
using Gpos.Testing;
using Microsoft.Extensions.Logging;

// usage: dotnet run -c Release --project tests/Gpos.Pix.Benchmarks -- [requests] [concurrency]
// Opens GPOS's PSP circuit breaker with PSP 500s, then measures PUT /v2/cob answers while it is open: each must be a
// 503 ServicoIndisponivel with Retry-After, and the PSP must see no call.
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
const string Chave = "bench@merchant.example";
const string Merchant = "m-bench";

var pki = TestPki.Pki;
var pspOptions = PspSimulatorOptions.FromDevPki(pki, port: 0);
pspOptions.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning);
await using var psp = await PspSimulatorServer.StartAsync(pspOptions);
await using var host = await GposTestHost.StartAsync(new Dictionary<string, string?>
{
    ["Serilog:MinimumLevel:Default"] = "Warning",
    ["Gpos:Pix:AttemptTimeout"] = "00:00:01",
    ["Gpos:Pix:TotalTimeout"] = "00:00:03",
    ["Gpos:Pix:MaxRetryAttempts"] = "0",
    ["Gpos:Pix:BreakerFailureRatio"] = "0.5",
    ["Gpos:Pix:BreakerMinimumThroughput"] = "4",
    ["Gpos:Pix:BreakerSamplingDuration"] = "00:00:30",
    ["Gpos:Pix:BreakerBreakDuration"] = "00:10:00", // stays open for the whole measurement
    ["Gpos:Pix:ReconcileInterval"] = "00:10:00",
}.WithPsp(psp.BaseAddress));

using (var ops = host.OpsClient())
{
    using var key = await ops.PostAsJsonAsync(new Uri("/ops/v1/pix/keys", UriKind.Relative),
        new { chave = Chave, merchantId = Merchant, merchantName = "LOJA BENCH", merchantCity = "SAO PAULO" });
    key.EnsureSuccessStatusCode();
}

using var control = TestHttp.Create(psp.BaseAddress, pki.LoadClient("gpos-psp-client"));
using (var fault = await control.PostAsJsonAsync(new Uri("control/faults", UriKind.Relative),
           new { endpoint = "PUT /cob/{txid}", kind = "error", status = 500 }))
{
    fault.EnsureSuccessStatusCode();
}

var clients = Enumerable.Range(0, concurrency).Select(_ => host.MtlsClient(TestPki.Merchant(Merchant))).ToArray();
for (var i = 0; i < 6; i++)
{
    await PutAsync(clients[0]); // PSP 500s: the breaker opens after 4 calls at >= 50 % failures
}

var pspCallsBefore = await PspPutCallsAsync();
var warmup = await MeasureAsync(200, 1);
var sequential = await MeasureAsync(requests, 1);
var concurrent = await MeasureAsync(requests * 2, concurrency);
var pspCallsWhileOpen = await PspPutCallsAsync() - pspCallsBefore;

Console.WriteLine($"PUT /v2/cob while the PSP circuit is open: {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:u}, load {(await File.ReadAllTextAsync("/proc/loadavg"))[..14]}");
Console.WriteLine();
Console.WriteLine("| phase | requests | in flight | answers/s | p50 ms | p90 ms | p99 ms | max ms | not 503+Retry-After |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (name, r) in new[] { ("sequential", sequential), ("concurrent", concurrent) })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {r.Count} | {r.Concurrency} | {r.Rate:0} | {r.P(0.50):0.00} | {r.P(0.90):0.00} | {r.P(0.99):0.00} | {r.Max:0.00} | {r.Wrong} |"));
}

Console.WriteLine();
Console.WriteLine($"PSP PUT /cob calls while open: {pspCallsWhileOpen} (warm-up p99 {warmup.P(0.99):0.00} ms, not reported)");
var ok = pspCallsWhileOpen == 0 && sequential.Wrong == 0 && concurrent.Wrong == 0;
Console.WriteLine(ok ? "every answer was 503 with Retry-After and no call reached the PSP" : "FAILED: see the counts above");
foreach (var client in clients)
{
    client.Dispose();
}

return ok ? 0 : 1;

async Task<Result> MeasureAsync(int count, int inFlight)
{
    var latencies = new double[count];
    var wrong = 0;
    var next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async worker =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var started = Stopwatch.GetTimestamp();
            var good = await PutAsync(clients[worker]);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!good)
            {
                Interlocked.Increment(ref wrong);
            }
        }
    }));
    return new Result(latencies, watch.Elapsed, inFlight, wrong);
}

async Task<bool> PutAsync(HttpClient client)
{
    var txid = "bench" + Guid.NewGuid().ToString("N")[..28];
    using var response = await client.PutAsJsonAsync(new Uri($"/v2/cob/{txid}", UriKind.Relative),
        new { calendario = new { expiracao = 3600 }, valor = new { original = "10.00" }, chave = Chave });
    return response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null;
}

async Task<int> PspPutCallsAsync()
{
    var calls = JsonNode.Parse(await control.GetStringAsync(new Uri("control/calls", UriKind.Relative)))!;
    return calls["endpoints"]?["PUT /cob/{txid}"]?["total"]?.GetValue<int>()
           ?? calls["endpoints"]?["PUT /cob/{txid}"]?["keys"]?.AsObject().Sum(k => k.Value!.GetValue<int>()) ?? 0;
}

internal sealed record Result(double[] Latencies, TimeSpan Elapsed, int Concurrency, int Wrong)
{
    private readonly double[] _sorted = [.. Latencies.Order()];

    public int Count => Latencies.Length;

    public double Rate => Count / Elapsed.TotalSeconds;

    public double Max => _sorted[^1];

    public double P(double quantile) => _sorted[Math.Min(_sorted.Length - 1, (int)(_sorted.Length * quantile))];
}
