using System.Globalization;
using System.Text;
using Gpos.LoadGen.Measurement;

namespace Gpos.LoadGen.Reporting;

/// <summary>The report as Markdown text (stdout and docs/performance-latest.md).</summary>
internal static class TextReport
{
    public static string Render(SuiteReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# GPOS load run, {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        Line($"Command: `{report.Command}`");
        text.AppendLine();
        var m = report.Machine;
        Line($"Machine: {m.HostName}, {m.ProcessorCount} cores ({m.CpuModel ?? "unknown CPU"}), {m.MemoryGiB} GiB, {m.Os}, {m.Runtime}.");
        Line($"Load: {report.Terminals} enrolled terminals, {report.Load}; {report.WarmUpSeconds:0.#} s warm-up and {report.DurationSeconds:0.#} s measured per run.");
        if (report.System is { } system)
        {
            Line($"API ({system.Configuration}): start to ready {system.ApiStartToReadyMs:0} ms (target ≤ 3000), idle resident memory {system.ApiIdleResidentMiB:0} MiB (target ≤ 200).");
        }

        Line($"Latency: from the intended start (open loop) or the actual start (closed loop) to the end of the answer, successful operations only; HdrHistogram, ms.");
        text.AppendLine();

        if (report.Limits.Count > 0)
        {
            text.AppendLine("## Limits (same run, same concurrency, same terminals)");
            text.AppendLine();
            text.AppendLine("| limit | ops/s | p50 | p90 | p99 | p99.9 | max | errors |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var run in report.Limits)
            {
                Line($"| {run.Name}: {run.Description} | {run.PerSecond:0} | {Percentiles(run.Latency)} | {run.Failed} |");
            }

            text.AppendLine();
        }

        text.AppendLine("## GPOS scenarios");
        text.AppendLine();
        var limitNames = report.Limits.Select(l => l.Name).ToArray();
        text.Append("| scenario | ops/s | items/s | p50 | p90 | p99 | p99.9 | max | errors |");
        foreach (var limit in limitNames)
        {
            text.Append(CultureInfo.InvariantCulture, $" vs {limit} |");
        }

        text.AppendLine();
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|").AppendLine(string.Concat(limitNames.Select(_ => "---:|")));
        foreach (var run in report.Scenarios)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {run.Name} | {run.PerSecond:0} | {run.ItemsPerSecond:0} | {Percentiles(run.Latency)} | {run.Failed} |");
            foreach (var limit in limitNames)
            {
                text.Append(run.RatioToLimits?.TryGetValue(limit, out var ratio) == true
                    ? string.Create(CultureInfo.InvariantCulture, $" {ratio * 100:0}% |")
                    : " |");
            }

            text.AppendLine();
        }

        text.AppendLine();
        foreach (var run in report.Scenarios)
        {
            Line($"- **{run.Name}**: {run.Description}. {run.Load}, {run.Seconds:0.0} s, {run.Succeeded} succeeded, {run.Failed} failed{(run.EndedEarly ? " (ended early: no unpaid charge left)" : "")}.{(run.Note is null ? "" : " " + run.Note)}");
        }

        var steps = report.Scenarios.SelectMany(r => r.Steps.Select(s => (Run: r.Name, Step: s.Key, s.Value))).ToList();
        if (steps.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Steps");
            text.AppendLine();
            text.AppendLine("| scenario | step | count | p50 | p90 | p99 | p99.9 | max |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (run, step, latency) in steps)
            {
                Line($"| {run} | {step} | {latency.Count} | {Percentiles(latency)} |");
            }
        }

        var errors = report.Limits.Concat(report.Scenarios).Where(r => r.Errors.Count > 0).ToList();
        if (errors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Errors by kind");
            text.AppendLine();
            foreach (var run in errors)
            {
                Line($"- {run.Name}: {string.Join("; ", run.Errors.Select(e => $"{e.Key} × {e.Value}"))}");
            }
        }

        var processes = report.Limits.Concat(report.Scenarios).SelectMany(r => r.CpuCores.Keys).Distinct(StringComparer.Ordinal).ToArray();
        if (processes.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("### CPU by process (cores busy during the measured phase)");
            text.AppendLine();
            text.AppendLine("| run | " + string.Join(" | ", processes) + " |");
            text.AppendLine("|---|" + string.Concat(processes.Select(_ => "---:|")));
            foreach (var run in report.Limits.Concat(report.Scenarios))
            {
                text.AppendLine($"| {run.Name} | " + string.Join(" | ", processes.Select(p =>
                    run.CpuCores.TryGetValue(p, out var cores) ? cores.ToString("0.00", CultureInfo.InvariantCulture) : "")) + " |");
            }
        }

        var counted = report.Limits.Concat(report.Scenarios).Where(r => r.ApiCounters is { Count: > 0 } || r.DatabaseWaits is { Count: > 0 }).ToList();
        if (counted.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Where the time went: inside the API, PostgreSQL waits");
            text.AppendLine();
            text.AppendLine("| run | API during the phase (its own counters) | PostgreSQL active backends by wait (share of 100 ms samples) |");
            text.AppendLine("|---|---|---|");
            foreach (var run in counted)
            {
                var api = run.ApiCounters is null ? "" : ApiCounters.Describe(run.ApiCounters, run.Seconds, run.Succeeded + run.Failed);
                Line($"| {run.Name} | {api} | {(run.DatabaseWaits is null ? "" : DatabaseWaits.Describe(run.DatabaseWaits))} |");
            }
        }

        var work = report.Limits.Concat(report.Scenarios).Where(r => r.DatabaseWorkPerOperation is { Count: > 0 }).ToList();
        if (work.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Database work per operation (pg_stat_database and WAL position, approximate)");
            text.AppendLine();
            text.AppendLine("| run | per operation |");
            text.AppendLine("|---|---|");
            foreach (var run in work)
            {
                Line($"| {run.Name} | {DatabaseWork.Describe(run.DatabaseWorkPerOperation!)} |");
            }
        }

        if (report.Notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in report.Notes)
            {
                Line($"Note: {note}");
            }
        }

        return text.ToString();
    }

    private static string Percentiles(LatencySummary latency) => string.Create(CultureInfo.InvariantCulture,
        $"{latency.P50Ms:0.0} | {latency.P90Ms:0.0} | {latency.P99Ms:0.0} | {latency.P999Ms:0.0} | {latency.MaxMs:0.0}");
}
