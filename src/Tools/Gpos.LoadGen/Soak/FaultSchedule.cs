using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gpos.LoadGen.Measurement;

namespace Gpos.LoadGen.Soak;

/// <summary>When the PSP outage ran (wall clock), once it has run.</summary>
internal sealed record OutageWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The faults of a soak, through the simulators' control APIs: every <c>--fault-every</c> the next fault of a fixed cycle
/// (PSP: slow answers, 500, 503 with Retry-After, a hang past the attempt timeout, commit-then-drop before and after the
/// headers; card host: silence, late and slow answers, a dropped connection, garbage frames, silent reversals; webhooks:
/// duplicates and out-of-order replays of recent payments), and one PSP outage (every API Pix call answers 503) from
/// <c>--outage-at</c> for <c>--outage</c>. PSP faults of the cycle are skipped while the outage runs.
/// </summary>
internal sealed class FaultSchedule(SoakTarget target, HttpClient pspControl, HttpClient cardControl, SoakJournal journal, Action<string> say)
{
    private int _outage; // 1 while the outage runs

    /// <summary>Faults set, by kind (each with the number of requests it applies to in its name).</summary>
    public ErrorTally Injected { get; } = new();

    public OutageWindow? Outage { get; private set; }

    /// <summary>Runs the cycle and the outage until <paramref name="loadEnds"/>; clears every fault at the end.</summary>
    public async Task RunAsync(SoakOptions options, CancellationToken loadEnds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var outage = options.Outage > TimeSpan.Zero ? RunOutageAsync(options, loadEnds) : Task.CompletedTask;
        var cycle = Cycle();
        try
        {
            for (var i = 0; !loadEnds.IsCancellationRequested; i++)
            {
                await Task.Delay(options.FaultEvery, loadEnds);
                var (name, apply) = cycle[i % cycle.Length];
                if (name.StartsWith("psp", StringComparison.Ordinal) && Volatile.Read(ref _outage) == 1)
                {
                    continue;
                }

                await apply(cancellationToken);
                Injected.Add(name);
            }
        }
        catch (OperationCanceledException) when (loadEnds.IsCancellationRequested)
        {
            // the load ended
        }

        await outage;
        await ClearAsync(cancellationToken);
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        using var psp = await pspControl.DeleteAsync(new Uri("control/faults", UriKind.Relative), cancellationToken);
        psp.EnsureSuccessStatusCode();
        await SetCardFaultAsync("""{"mode":"none"}""", cancellationToken);
    }

    private async Task RunOutageAsync(SoakOptions options, CancellationToken loadEnds)
    {
        try
        {
            await Task.Delay(options.OutageAt, loadEnds);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // Every API Pix endpoint answers 503 ServicoIndisponivel until removed; nothing is applied at the PSP.
        var id = await AddPspFaultAsync("""{"endpoint":"*","kind":"error","status":503,"retryAfter":5}""", CancellationToken.None);
        var start = DateTimeOffset.UtcNow;
        Volatile.Write(ref _outage, 1);
        say(string.Create(CultureInfo.InvariantCulture, $"PSP outage begins ({options.Outage.TotalSeconds:0} s)"));
        Injected.Add(string.Create(CultureInfo.InvariantCulture, $"psp outage: every API Pix call 503 for {options.Outage.TotalSeconds:0} s"));
        // The outage ends on time even if the load is interrupted: the drain needs a PSP.
        await Task.Delay(options.Outage, CancellationToken.None);
        using var removed = await pspControl.DeleteAsync(new Uri($"control/faults/{id}", UriKind.Relative), CancellationToken.None);
        removed.EnsureSuccessStatusCode();
        Volatile.Write(ref _outage, 0);
        Outage = new OutageWindow(start, DateTimeOffset.UtcNow);
        say("PSP outage ends");
    }

    private (string Name, Func<CancellationToken, Task> Apply)[] Cycle()
    {
        var late = (int)(target.Gpos.CardRequestTimeout.TotalMilliseconds + 2_000);
        var slow = (int)Math.Max(200, target.Gpos.CardRequestTimeout.TotalMilliseconds / 4);
        return
        [
            ("psp slow answers (+2 s, 5 requests)", ct => Psp("""{"kind":"latency","latencyMs":2000,"count":5}""", ct)),
            ("card host silence (0200, 2 requests)", ct => Card("""{"mode":"silent","count":2,"mtis":["0200"]}""", ct)),
            ("psp 500 (3 requests)", ct => Psp("""{"kind":"error","status":500,"count":3}""", ct)),
            ($"card host late answers (+{late} ms, past the request timeout, 2 requests)", ct => Card($$"""{"mode":"delay","delayMs":{{late}},"count":2,"mtis":["0200"]}""", ct)),
            ("webhook duplicates (last 10 payments × 3, one batch, shuffled)", ReplayDuplicatesAsync),
            ("psp 503 with Retry-After (3 requests)", ct => Psp("""{"kind":"error","status":503,"retryAfter":1,"count":3}""", ct)),
            ("card host dropped connection (1 request)", ct => Card("""{"mode":"drop","count":1,"mtis":["0200"]}""", ct)),
            ("psp hang past the attempt timeout (PUT /cob, 1 request)", ct => Psp("""{"endpoint":"PUT /cob/{txid}","kind":"hang","count":1}""", ct)),
            ("card host garbage frames (2 requests)", ct => Card("""{"mode":"garbage","count":2,"mtis":["0200"]}""", ct)),
            ("psp commit then drop after the headers (PUT /cob, 2 requests)", ct => Psp("""{"endpoint":"PUT /cob/{txid}","kind":"commitThenDrop","afterHeaders":true,"count":2}""", ct)),
            ($"card host slow answers (+{slow} ms, 3 requests)", ct => Card($$"""{"mode":"delay","delayMs":{{slow}},"count":3,"mtis":["0200"]}""", ct)),
            ("webhook out of order (notifications as sent, reversed, × 2)", ReplayReversedAsync),
            ("psp commit then drop before any byte (PUT /cob, 2 requests)", ct => Psp("""{"endpoint":"PUT /cob/{txid}","kind":"commitThenDrop","count":2}""", ct)),
            ("card host silent to reversals (0400/0401, 2 requests)", ct => Card("""{"mode":"silent","count":2,"mtis":["0400","0401"]}""", ct)),
        ];
    }

    private async Task Psp(string json, CancellationToken cancellationToken) => await AddPspFaultAsync(json, cancellationToken);

    private async Task<string> AddPspFaultAsync(string json, CancellationToken cancellationToken)
    {
        using var response = await pspControl.PostAsync(new Uri("control/faults", UriKind.Relative), Json(json), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        return body.RootElement.GetProperty("id").GetString()!;
    }

    private Task Card(string json, CancellationToken cancellationToken) => SetCardFaultAsync(json, cancellationToken);

    private async Task SetCardFaultAsync(string json, CancellationToken cancellationToken)
    {
        using var response = await cardControl.PostAsync(new Uri("control/faults", UriKind.Relative), Json(json), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private Task ReplayDuplicatesAsync(CancellationToken cancellationToken) => ReplayAsync(new
    {
        source = "current",
        endToEndIds = journal.RecentPayments(10),
        copies = 3,
        batch = true,
        order = "shuffled",
        duplicateWithinBatch = true,
    }, cancellationToken);

    private Task ReplayReversedAsync(CancellationToken cancellationToken) => ReplayAsync(new
    {
        source = "sent",
        endToEndIds = journal.RecentPayments(10),
        copies = 2,
        order = "reversed",
    }, cancellationToken);

    private async Task ReplayAsync(object body, CancellationToken cancellationToken)
    {
        using var response = await pspControl.PostAsJsonAsync(new Uri("control/webhooks/replay", UriKind.Relative), body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
