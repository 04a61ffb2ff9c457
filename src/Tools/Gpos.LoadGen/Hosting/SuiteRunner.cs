using System.Globalization;
using Gpos.LoadGen.Limits;
using Gpos.LoadGen.Measurement;
using Gpos.LoadGen.Reporting;
using Gpos.LoadGen.Running;
using Gpos.LoadGen.Scenarios;

namespace Gpos.LoadGen.Hosting;

/// <summary>
/// The suite against a system that is up: enroll the terminals, measure the limits, run each scenario (warm-up, then
/// measured), and put it all in one report with every GPOS figure beside the limits.
/// </summary>
internal static class SuiteRunner
{
    public static async Task<SuiteReport> RunAsync(LoadTarget target, LoadOptions options, string command, SystemFacts? facts,
        IReadOnlyList<WatchedProcess> watched, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        using var metricsClient = target.Client(target.Bootstrap, null);
        var probes = new Probes(new CpuSampler(watched), new ApiCounters(metricsClient), target.AdminConnectionString);
        var notes = new List<string>();
        say($"Enrolling {options.Terminals} terminals through the enrollment flow…");
        using var fleet = await TerminalFleet.EnrollAsync(target, options.Terminals, GposScenarios.MerchantId, cancellationToken);
        using var scenarios = new GposScenarios(target, fleet);
        await scenarios.SeedAsync(cancellationToken);

        var limits = new List<MeasuredRun>();
        if (options.Limits)
        {
            limits.AddRange(await RunLimitsAsync(target, options, fleet, probes, notes, say, cancellationToken));
        }

        var results = new List<MeasuredRun>();
        var runs = options.Scenarios.Select(scenarios.Create).ToList();
        if (options.Mix is not null)
        {
            runs.Add(scenarios.CreateMix(options.Mix));
        }

        foreach (var scenario in runs)
        {
            Func<CancellationToken, Task>? refill = null;
            if (scenario.Name is "status" or "notify" or "notify-sim" || scenario.Name.StartsWith("mix", StringComparison.Ordinal))
            {
                // Before the warm-up and again after it: a warm-up of the notification scenarios pays charges too.
                var wanted = scenario.Name == "status" ? 1 : options.NotifyPool;
                refill = async token =>
                {
                    if (scenarios.Charges.UnpaidCount < wanted)
                    {
                        say($"Creating {wanted - scenarios.Charges.UnpaidCount} charges for {scenario.Name} (not measured)…");
                        await scenarios.EnsureChargesAsync(wanted, options.Concurrency, token);
                    }
                };
                await refill(cancellationToken);
            }

            var phase = options with { WarmUp = WarmUpOf(scenario.Name, options.WarmUp) };
            say($"Scenario {scenario.Name}: {phase.WarmUp.TotalSeconds:0.#} s warm-up, {phase.Duration.TotalSeconds:0.#} s measured, {phase.Shape}");
            var run = await MeasureAsync(scenario.Name, scenario.Description, scenario.Operation, phase, probes, scenario.Reset, scenario.FinishAsync,
                scenario.ItemsPerOperation, refill, cancellationToken);
            results.Add(run with { RatioToLimits = limits.ToDictionary(l => l.Name, l => l.PerSecond > 0 ? Math.Round(run.PerSecond / l.PerSecond, 4) : 0) });
            say(string.Create(CultureInfo.InvariantCulture,
                $"  {run.PerSecond:0} ops/s, p99 {run.Latency.P99Ms:0.0} ms, {run.Failed} errors"));
        }

        return new SuiteReport(started, DateTimeOffset.UtcNow, command, MachineInfo.Current(), facts, options.Terminals, options.Shape.ToString(),
            options.Duration.TotalSeconds, options.WarmUp.TotalSeconds, limits, results, notes);
    }

    private static async Task<List<MeasuredRun>> RunLimitsAsync(LoadTarget target, LoadOptions options, TerminalFleet fleet, Probes probes,
        List<string> notes, Action<string> say, CancellationToken cancellationToken)
    {
        var limits = new List<MeasuredRun>();
        // Limits are capacities: always closed loop at the same concurrency, whatever the scenarios' shape.
        var closed = options with { Rate = null };
        await using var bare = await BareMtlsEndpoint.StartAsync(target.Pki);
        say($"Limit bare-mtls: {closed.Shape}");
        limits.Add(await MeasureAsync("bare-mtls", "Kestrel mTLS endpoint, no work, keep-alive (the terminals' own connections)",
            LimitOperations.BareRequest(fleet, bare), closed, probes, null, null, 1, null, cancellationToken));

        if (target.AdminConnectionString is { } admin)
        {
            await using var scratch = await LimitOperations.ScratchDatabaseAsync(admin, options.Concurrency, cancellationToken);
            say($"Limit raw-insert: {closed.Shape}");
            limits.Add(await MeasureAsync("raw-insert", "single-row INSERT commits on the same PostgreSQL (scratch database, autocommit)",
                LimitOperations.RawInsert(scratch), closed, probes, null, null, 1, null, cancellationToken));
        }
        else
        {
            notes.Add("raw-insert limit skipped: no superuser connection to the system's PostgreSQL (--database or GPOS_DATABASE_ADMIN).");
        }

        say($"Limit handshake: {closed.Shape}");
        limits.Add(await MeasureAsync("handshake", "full mTLS handshakes (new TCP + TLS 1.3 connection with a terminal certificate per request)",
            LimitOperations.FullHandshake(fleet, bare, target.Pki), closed, probes, null, null, 1, null, cancellationToken));
        return limits;
    }

    private static async Task<MeasuredRun> MeasureAsync(string name, string description, Operation operation, LoadOptions options, Probes probes,
        Action? reset, Func<PhaseResult, CancellationToken, Task<(PhaseResult, string?)>>? finish, int itemsPerOperation,
        Func<CancellationToken, Task>? afterWarmUp, CancellationToken cancellationToken)
    {
        if (options.WarmUp > TimeSpan.Zero)
        {
            await LoadRunner.RunPhaseAsync(operation, options.Shape, options.WarmUp, cancellationToken);
            if (afterWarmUp is not null)
            {
                await afterWarmUp(cancellationToken);
            }
        }

        reset?.Invoke();
        var countersBefore = await probes.Api.SampleAsync(cancellationToken);
        await using var waits = probes.AdminConnectionString is null ? null : DatabaseWaits.Start(probes.AdminConnectionString);
        var workBefore = await DatabaseWork.SampleAsync(probes.AdminConnectionString, cancellationToken);
        var before = probes.Cpu.Sample();
        var result = await LoadRunner.RunPhaseAsync(operation, options.Shape, options.Duration, cancellationToken);
        var cores = CpuSampler.CoresBetween(before, probes.Cpu.Sample(), result.Elapsed);
        var workAfter = await DatabaseWork.SampleAsync(probes.AdminConnectionString, cancellationToken);
        var databaseWaits = waits is null ? null : await waits.StopAsync();
        var counters = ApiCounters.Delta(countersBefore, await probes.Api.SampleAsync(cancellationToken));
        string? note = null;
        if (finish is not null)
        {
            (result, note) = await finish(result, cancellationToken);
        }

        var perSecond = result.SucceededPerSecond;
        return new MeasuredRun(name, description, options.Shape.ToString(), Math.Round(result.Elapsed.TotalSeconds, 3), result.Succeeded, result.Failed,
            Math.Round(perSecond, 1), itemsPerOperation, Math.Round(perSecond * itemsPerOperation, 1), result.Latency, result.Steps, result.Errors, cores,
            result.EndedEarly, note)
        {
            ApiCounters = counters.Count == 0 ? null : counters,
            DatabaseWaits = databaseWaits,
            DatabaseWorkPerOperation = DatabaseWork.PerOperation(workBefore, workAfter, result.Succeeded + result.Failed),
        };
    }

    /// <summary>
    /// The warm-up of one scenario. <c>notify-sim</c>'s is at most 5 s: its operation is the payment at the PSP simulator,
    /// which queues a webhook to GPOS and returns, so a closed loop does not bound the deliveries. A long warm-up leaves
    /// the simulator a backlog of thousands of webhooks, which the measured phase then drains (with timeouts and
    /// retries once deliveries wait longer than an attempt's limit) instead of showing GPOS's ingestion
    /// (docs/performance.md, 07:58 UTC run). The webhook path itself is warmed by the <c>notify</c> scenario before it.
    /// </summary>
    internal static TimeSpan WarmUpOf(string scenario, TimeSpan warmUp) =>
        scenario == "notify-sim" && warmUp > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : warmUp;

    /// <summary>What is watched around every measured phase besides the operations themselves.</summary>
    private sealed record Probes(CpuSampler Cpu, ApiCounters Api, string? AdminConnectionString);
}
