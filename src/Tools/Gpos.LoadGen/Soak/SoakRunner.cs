using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gpos.LoadGen.Reporting;
using Gpos.LoadGen.Running;
using Gpos.LoadGen.Scenarios;
using Npgsql;

namespace Gpos.LoadGen.Soak;

/// <summary>
/// The soak against a system that is up: enroll, seed, then load + fault schedule + outage together, a bounded drain with
/// the faults off, the outage analysis and the audit, all in one <see cref="SoakReport"/>.
/// </summary>
internal static class SoakRunner
{
    public static async Task<SoakReport> RunAsync(SoakTarget target, SoakOptions options, string command, Action<string> say,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = LoadAverage();
        say($"Enrolling {options.Terminals} terminals…");
        using var fleet = await TerminalFleet.EnrollAsync(target.Load, options.Terminals, GposScenarios.MerchantId, cancellationToken);
        using var scenarios = new GposScenarios(target.Load, fleet);
        await scenarios.SeedAsync(cancellationToken);
        using var pspControl = target.Load.Client(target.Load.Psp, target.Load.Pki.LoadClient("gpos-psp-client"));
        using var cardControl = new HttpClient { BaseAddress = target.CardHostControl, Timeout = TimeSpan.FromSeconds(30) };
        using var ops = target.Load.OpsClient();
        await WaitForCardLinkAsync(ops, cancellationToken);

        await using (var db = NpgsqlDataSource.Create(target.Database))
        {
            // Fail before the load, not after it, when the audit cannot read GPOS's records.
            await ScalarAsync(db, SoakAudit.PendingSalesSql + " UNION ALL " + SoakSampler.PendingIntentsSql, null, cancellationToken);
        }

        var journal = new SoakJournal();
        var operations = new SoakOperations(fleet, pspControl, new ChargePool(), journal);
        var faults = new FaultSchedule(target, pspControl, cardControl, journal, say);
        await faults.ClearAsync(cancellationToken);
        var sampler = new SoakSampler(pspControl, target.Database);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = sampler.RunAsync(stopSampling.Token);

        var shape = new LoadShape(options.Concurrency, options.Rate);
        say(string.Create(CultureInfo.InvariantCulture,
            $"Soak: {shape} for {options.Duration.TotalSeconds:0} s, a fault every {options.FaultEvery.TotalSeconds:0.#} s, PSP outage of {options.Outage.TotalSeconds:0} s from {options.OutageAt.TotalSeconds:0} s"));
        using var loadEnds = new CancellationTokenSource(options.Duration);
        var faulting = faults.RunAsync(options, loadEnds.Token, cancellationToken);
        var progress = ReportProgressAsync(journal, say, loadEnds.Token);
        var load = await LoadRunner.RunPhaseAsync(operations.NextAsync, shape, options.Duration, cancellationToken);
        await loadEnds.CancelAsync();
        await faulting;
        await progress;
        say(string.Create(CultureInfo.InvariantCulture, $"Load done: {load.Succeeded + load.Failed} operations, {load.Failed} unexpected answers. Faults off; draining…"));

        var drain = Stopwatch.StartNew();
        var drained = await DrainAsync(target.Database, journal, options.Drain, say, cancellationToken);
        drain.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken); // one more sample after the drain
        await stopSampling.CancelAsync();
        await sampling;

        var outage = faults.Outage is { } window
            ? CircuitAnalysis.Analyse(window, journal.CobAnswers.ToList(), sampler.Samples, target.Gpos.PixBreakDuration)
            : null;
        say("Auditing…");
        var checks = await SoakAudit.RunAsync(target, journal, pspControl, cardControl, ops, cancellationToken);
        var cardStats = await JsonObjectAsync(cardControl, "control/stats", cancellationToken);
        var link = await JsonObjectAsync(ops, "/ops/v1/cards/link", cancellationToken);
        var outcomes = journal.Outcomes.Snapshot();
        return new SoakReport(started, DateTimeOffset.UtcNow, command, MachineInfo.Current(), loadAtStart, LoadAverage(), shape.ToString(),
            Math.Round(load.Elapsed.TotalSeconds, 1), target.Gpos.Settings, load.Succeeded + load.Failed, journal.Operations.Snapshot(), load.Latency,
            outcomes, load.Errors, faults.Injected.Snapshot(), outcomes.Where(o => o.Key.StartsWith("bad input", StringComparison.Ordinal)).Sum(o => o.Value)
                + load.Errors.Where(e => e.Key.StartsWith("bad input", StringComparison.Ordinal)).Sum(e => e.Value),
            cardStats, link, outage, Math.Round(drain.Elapsed.TotalSeconds, 1), drained, checks);
    }

    /// <summary>
    /// Faults are off: waits (at most <paramref name="limit"/>) until every sale is final, the SAF queue is empty, every charge
    /// intent has the PSP's answer and every payment made at the PSP reached GPOS.
    /// </summary>
    private static async Task<bool> DrainAsync(string database, SoakJournal journal, TimeSpan limit, Action<string> say, CancellationToken cancellationToken)
    {
        await using var db = NpgsqlDataSource.Create(database);
        var deadline = Stopwatch.StartNew();
        var payments = journal.Payments.Keys.ToArray();
        var lastSaid = TimeSpan.Zero;
        while (true)
        {
            var pendingSales = await ScalarAsync(db, SoakAudit.PendingSalesSql, null, cancellationToken);
            var openSaf = await ScalarAsync(db, SoakAudit.OpenSafSql, null, cancellationToken);
            var intents = await ScalarAsync(db, SoakSampler.PendingIntentsSql, null, cancellationToken);
            var received = await ScalarAsync(db, "SELECT count(*) FROM pix.received_pix WHERE end_to_end_id = ANY(@ids)", payments, cancellationToken);
            if (pendingSales == 0 && openSaf == 0 && intents == 0 && received == payments.Length)
            {
                return true;
            }

            if (deadline.Elapsed > limit)
            {
                say($"Drain gave up: {pendingSales} sales pending, {openSaf} reversals queued, {intents} intents, {payments.Length - received} payments not received");
                return false;
            }

            if (deadline.Elapsed - lastSaid > TimeSpan.FromSeconds(15))
            {
                lastSaid = deadline.Elapsed;
                say($"  draining: {pendingSales} sales pending, {openSaf} reversals queued, {intents} intents, {payments.Length - received} payments not received");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static async Task ReportProgressAsync(SoakJournal journal, Action<string> say, CancellationToken loadEnds)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(60), loadEnds);
                var outcomes = journal.Outcomes.Snapshot();
                say($"  {journal.Operations.Total} operations; top outcomes: {string.Join(", ", outcomes.Take(6).Select(o => $"{o.Key} {o.Value}"))}");
            }
        }
        catch (OperationCanceledException)
        {
            // the load ended
        }
    }

    private static async Task WaitForCardLinkAsync(HttpClient ops, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var link = await JsonObjectAsync(ops, "/ops/v1/cards/link", cancellationToken);
            if (link["connected"].GetBoolean() && link["signedOn"].GetBoolean())
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException("GPOS's card host link did not come up within 30 s.");
    }

    private static async Task<Dictionary<string, JsonElement>> JsonObjectAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        return body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, string[]? ids, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(sql);
        if (ids is not null)
        {
            command.Parameters.AddWithValue("ids", ids);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The 1-, 5- and 15-minute load averages (/proc/loadavg), or "n/a".</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
