using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gpos.Testing;
using Gpos.WebhookReceiver;
using Gpos.Webhooks.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// usage: dotnet run -c Release --project tests/Gpos.Webhooks.Benchmarks -- [events] [outageEvents] [outageSeconds] [batch]
// Phase 1 (throughput): enqueue `events` through IWebhookOutbox in committed transactions of `batch` events, as fast as
// they commit; events/s = events / (first enqueue .. last 200 at the receiver), with enqueue-to-delivery latencies.
// Phase 2 (outage): the receiver answers 503 while `outageEvents` are enqueued evenly over `outageSeconds`; then it
// answers 200 again and the backlog's drain time is measured. Exit code 1 if any event was lost or delivered twice.
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var outageEvents = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var outageSeconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
var batch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
const string Merchant = "wh-bench";
#if DEBUG
const string Build = "Debug";
#else
const string Build = "Release";
#endif

// Retries 1, 2, 4 s then 8 s apart (±20 % jitter), 12 attempts after the first: about 79 s before a delivery is
// dead-lettered, so an event enqueued at the start of a 30 s outage still has retries left when the receiver is back.
string[] schedule = ["00:00:01", "00:00:02", "00:00:04", .. Enumerable.Repeat("00:00:08", 9)];
var settings = new Dictionary<string, string?>
{
    ["Serilog:MinimumLevel:Default"] = "Warning",
    ["Serilog:MinimumLevel:Override:Gpos.Cards"] = "Error", // no card host here: its link's reconnect warnings are noise
    ["Gpos:Webhooks:AllowPrivateTargets"] = "true",
    ["Gpos:Webhooks:PollInterval"] = "00:00:00.050",
    ["Gpos:Webhooks:MaxConcurrency"] = "2", // 2 deliveries in flight in this (the only) instance
    ["Gpos:Webhooks:MaxConcurrencyPerEndpoint"] = "2", // one endpoint: both slots may serve it
    ["Gpos:Webhooks:AttemptTimeout"] = "00:00:03",
    ["Gpos:Webhooks:BreakerBreakDuration"] = "00:00:02",
    ["Gpos:Webhooks:BreakerSamplingDuration"] = "00:00:10",
    ["Gpos:Cards:TokenKey"] = "webhooks-bench-cards-token-key-0123456789abcdef",
};
for (var i = 0; i < schedule.Length; i++)
{
    settings[$"Gpos:Webhooks:RetrySchedule:{i}"] = schedule[i];
}

await using var host = await GposTestHost.StartAsync(settings);
await using var receiver = await WebhookReceiverServer.StartAsync(GposTestHost.FreePort(), []);
var secret = await RegisterAsync(host, Merchant, receiver.BaseAddress);
receiver.Secrets = [secret];

// Every request the receiver answered 200, by webhook-id, with the time it arrived (a Stopwatch timestamp).
var delivered = new ConcurrentDictionary<string, ConcurrentBag<long>>();
var refused = 0;
var badSignatures = 0;
receiver.OnReceived = r =>
{
    var at = Stopwatch.GetTimestamp();
    if (!r.SignatureValid)
    {
        Interlocked.Increment(ref badSignatures);
    }

    if (r.AnsweredStatus == 200)
    {
        delivered.GetOrAdd(r.Id ?? "", _ => []).Add(at);
    }
    else
    {
        Interlocked.Increment(ref refused);
    }
};

var outbox = host.Services.GetRequiredService<IWebhookOutbox>();
var db = host.Services.GetRequiredService<NpgsqlDataSource>();
var enqueuedAt = new ConcurrentDictionary<string, long>();

Console.WriteLine($"webhook delivery benchmark: {events} events, outage {outageEvents} events over {outageSeconds} s, batches of {batch}, " +
                  $"{Environment.ProcessorCount} cores, {Build}, {DateTimeOffset.UtcNow:u}");

// Warm-up: a few events through the whole path (JIT, connection pools, the receiver's first connection).
var warmUp = await EnqueueBatchAsync(10);
await WaitDeliveredAsync(warmUp, TimeSpan.FromSeconds(30));

// Phase 1: throughput.
var started = Stopwatch.GetTimestamp();
var throughputIds = new List<string>(events);
for (var done = 0; done < events; done += batch)
{
    throughputIds.AddRange(await EnqueueBatchAsync(Math.Min(batch, events - done)));
}

var enqueueSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
var throughputDone = await WaitDeliveredAsync(throughputIds, TimeSpan.FromSeconds(60 + (events / 20)));
var lastDelivery = throughputIds.Where(delivered.ContainsKey).Select(id => delivered[id].Max()).DefaultIfEmpty(started).Max();
var throughputSeconds = Stopwatch.GetElapsedTime(started, lastDelivery).TotalSeconds;
var latencies = throughputIds.Where(delivered.ContainsKey)
    .Select(id => Stopwatch.GetElapsedTime(enqueuedAt[id], delivered[id].Min()).TotalMilliseconds).Order().ToArray();

// Phase 2: outage, then drain.
var attemptsBefore = await host.Database.AdminScalarAsync<long>("SELECT count(*) FROM webhooks.attempts");
var refusedBefore = Volatile.Read(ref refused);
receiver.Behaviour = new ReceiverBehaviour { Status = 503 };
var outageStarted = Stopwatch.GetTimestamp();
var outageIds = new List<string>(outageEvents);
var batches = (outageEvents + batch - 1) / batch;
for (var b = 0; b < batches; b++)
{
    var due = TimeSpan.FromSeconds((double)outageSeconds * b / batches) - Stopwatch.GetElapsedTime(outageStarted);
    if (due > TimeSpan.Zero)
    {
        await Task.Delay(due);
    }

    outageIds.AddRange(await EnqueueBatchAsync(Math.Min(batch, outageEvents - (b * batch))));
}

var rest = TimeSpan.FromSeconds(outageSeconds) - Stopwatch.GetElapsedTime(outageStarted);
if (rest > TimeSpan.Zero)
{
    await Task.Delay(rest);
}

var deliveredDuringOutage = outageIds.Count(delivered.ContainsKey);
receiver.Behaviour = ReceiverBehaviour.Ok;
var restored = Stopwatch.GetTimestamp();
var refusedDuringOutage = Volatile.Read(ref refused) - refusedBefore;
var outageDone = await WaitDeliveredAsync(outageIds, TimeSpan.FromSeconds(180));
var drainSeconds = Stopwatch.GetElapsedTime(restored).TotalSeconds;
var attempts = await host.Database.AdminScalarAsync<long>("SELECT count(*) FROM webhooks.attempts") - attemptsBefore;

// Exactly once: every enqueued id answered 200 once, no more (a duplicate would show up within the extra wait).
await Task.Delay(TimeSpan.FromSeconds(3));
var all = warmUp.Concat(throughputIds).Concat(outageIds).ToArray();
var lost = all.Count(id => !delivered.ContainsKey(id));
var duplicated = all.Count(id => delivered.TryGetValue(id, out var times) && times.Count > 1);
var unknown = delivered.Keys.Except(all).Count();
var dead = await host.Database.AdminScalarAsync<long>("SELECT count(*) FROM webhooks.deliveries WHERE status = 'dead'");

string Ms(double[] sorted, double q) => sorted.Length == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{sorted[(int)(sorted.Length * q)]:0}");
var rows = new (string Measure, string Value)[]
{
    ("command", $"`dotnet run -c {Build} --project tests/Gpos.Webhooks.Benchmarks -- {events} {outageEvents} {outageSeconds} {batch}`"),
    ("date (UTC)", $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}"),
    ("machine", $"{Environment.ProcessorCount} cores (nproc), {Build} build"),
    ("settings", "MaxConcurrency 2, MaxConcurrencyPerEndpoint 2 (2 deliveries in flight), PollInterval 50 ms, AttemptTimeout 3 s, " +
                 "breaker break 2 s / sampling 10 s, one GPOS endpoint on a loopback WebhookReceiverServer"),
    ("retry schedule (outage)", "1 s, 2 s, 4 s, then 8 s × 9 (±20 % jitter; about 79 s before dead-letter)"),
    ("throughput: events", $"{events} in batches of {batch}, enqueued in {enqueueSeconds:0.00} s"),
    ("throughput: delivered/s", throughputDone ? $"{events / throughputSeconds:0} (first enqueue to last delivery: {throughputSeconds:0.00} s)" : "**timed out**"),
    ("throughput: enqueue-to-delivery p50 / p99 ms", $"{Ms(latencies, 0.5)} / {Ms(latencies, 0.99)}"),
    ("outage: events", $"{outageEvents} over {outageSeconds} s at 503; {deliveredDuringOutage} delivered during it; {refusedDuringOutage} attempts refused"),
    ("outage: backlog drain (receiver back to all delivered)", outageDone ? $"{drainSeconds:0.00} s" : "**timed out**"),
    ("outage: attempts recorded (phase)", $"{attempts} for {outageEvents} events"),
    ("exactly once (by webhook-id)", $"{all.Length} enqueued: {lost} lost, {duplicated} duplicated, {unknown} unknown ids, {dead} dead-lettered, {badSignatures} bad signatures"),
};
Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
foreach (var (measure, value) in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {measure} | {value} |"));
}

var ok = lost == 0 && duplicated == 0 && unknown == 0 && badSignatures == 0;
Console.WriteLine(ok ? "every event delivered exactly once" : "FAILED: events lost or duplicated");
return ok ? 0 : 1;

// What a producer module does: events through the outbox contract inside its own committed transaction.
async Task<List<string>> EnqueueBatchAsync(int count)
{
    await using var connection = await db.OpenConnectionAsync();
    await using var tx = await connection.BeginTransactionAsync();
    var ids = new List<string>(count);
    for (var i = 0; i < count; i++)
    {
        var saleId = Guid.NewGuid();
        var enqueued = await outbox.EnqueueAsync(tx, MerchantEvents.CardSale(MerchantEventTypes.CardSaleConfirmed, Merchant, saleId,
            new JsonObject { ["id"] = saleId.ToString(), ["status"] = "confirmed", ["amount"] = 1000 }, DateTimeOffset.UtcNow), CancellationToken.None);
        ids.Add("msg_" + enqueued.EventId.ToString("N", CultureInfo.InvariantCulture)); // the webhook-id its delivery carries
    }

    await tx.CommitAsync();
    var committed = Stopwatch.GetTimestamp();
    foreach (var id in ids)
    {
        enqueuedAt[id] = committed;
    }

    return ids;
}

async Task<bool> WaitDeliveredAsync(IReadOnlyCollection<string> ids, TimeSpan limit)
{
    var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
    while (Stopwatch.GetTimestamp() < until)
    {
        if (ids.All(delivered.ContainsKey))
        {
            return true;
        }

        await Task.Delay(10);
    }

    return false;
}

static async Task<string> RegisterAsync(GposTestHost host, string merchantId, Uri url)
{
    using var merchant = host.MtlsClient(TestPki.Merchant(merchantId));
    using var response = await merchant.PostAsJsonAsync(new Uri("/v1/webhooks/endpoints", UriKind.Relative),
        new { url = url.ToString(), eventTypes = new[] { MerchantEventTypes.CardSaleConfirmed } });
    if (response.StatusCode != HttpStatusCode.Created)
    {
        throw new InvalidOperationException($"registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    return body["secret"]!.GetValue<string>();
}
