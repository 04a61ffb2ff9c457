using System.Globalization;
using System.Text;
using System.Text.Json;
using Gpos.LoadGen.Measurement;
using Gpos.LoadGen.Reporting;

namespace Gpos.LoadGen.Soak;

/// <summary>The soak's report, written as JSON and rendered as text (stdout and a Markdown file).</summary>
internal sealed record SoakReport(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Command,
    MachineInfo Machine,
    string LoadAverageAtStart,
    string LoadAverageAtEnd,
    string Load,
    double LoadSeconds,
    IReadOnlyDictionary<string, string> GposSettings,
    long Operations,
    IReadOnlyDictionary<string, long> OperationsByKind,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> Outcomes,
    IReadOnlyDictionary<string, long> UnexpectedAnswers,
    IReadOnlyDictionary<string, long> FaultsInjected,
    long BadInputs,
    IReadOnlyDictionary<string, JsonElement> CardHostStats,
    IReadOnlyDictionary<string, JsonElement> GposCardLink,
    CircuitReport? Outage,
    double DrainSeconds,
    bool DrainCompleted,
    IReadOnlyList<AuditCheck> Checks)
{
    /// <summary>Violations per counter (acknowledged but lost, double effects, sales left pending, charges not converged, ledger).</summary>
    public IReadOnlyDictionary<string, long> Counters =>
        new[] { SoakAudit.AcknowledgedButLost, SoakAudit.DoubleEffects, SoakAudit.SalesLeftPending, SoakAudit.ChargesNotConverged, SoakAudit.Ledger }
            .ToDictionary(c => c, c => Checks.Where(k => k.Counter == c).Sum(k => k.Violations), StringComparer.Ordinal);

    /// <summary>Why the run failed; empty when every invariant held.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = Checks.Where(c => c.Violations > 0).Select(c => $"{c.Counter}: {c.Name}: {c.Violations}{(c.Detail is null ? "" : " (" + c.Detail + ")")}").ToList();
            if (UnexpectedAnswers.Count > 0)
            {
                failures.Add("unexpected answers: " + string.Join("; ", UnexpectedAnswers.Select(e => $"{e.Key} × {e.Value}")));
            }

            if (!DrainCompleted)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"the drain did not settle within {DrainSeconds:0} s"));
            }

            if (Outage is { Held: false } outage)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"circuit during the outage: opened after {outage.OpenedAfterSeconds?.ToString(CultureInfo.InvariantCulture) ?? "never"} s, {outage.CallsWhileOpen} PSP calls while open (at most {outage.CallsAllowedWhileOpen}), {outage.CobOtherAnswers} answers other than 503 + Retry-After, {outage.CobUnavailable} proper 503s"));
            }

            if (Outage is { IntentsSettledAfterSeconds: null })
            {
                failures.Add("charge intents left from the outage never all reached the PSP");
            }

            return failures;
        }
    }

    public bool Passed => Failures.Count == 0;

    public string ToJson() => JsonSerializer.Serialize(this, SuiteReport.Json);

    public string Render()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# GPOS soak, {StartedAt:yyyy-MM-dd HH:mm} UTC: {(Passed ? "PASSED" : "FAILED")}");
        text.AppendLine();
        Line($"Command: `{Command}`");
        text.AppendLine();
        Line($"Machine: {Machine.HostName}, {Machine.ProcessorCount} cores, {Machine.MemoryGiB} GiB; load average at start {LoadAverageAtStart}, at end {LoadAverageAtEnd}.");
        Line($"Load: {Load} for {LoadSeconds:0} s; {Operations} operations, latency of the successful ones p50 {Latency.P50Ms:0.0} / p99 {Latency.P99Ms:0.0} / max {Latency.MaxMs:0.0} ms.");
        Line($"GPOS settings: {string.Join(", ", GposSettings.Select(s => $"{s.Key}={s.Value}"))}.");
        text.AppendLine();
        text.AppendLine("## Zero counters");
        text.AppendLine();
        foreach (var (name, value) in Counters)
        {
            Line($"- {name}: **{value}**");
        }

        Line($"- unexpected answers (500, 503 without Retry-After, not problem+json, transport errors): **{UnexpectedAnswers.Values.Sum()}**");
        text.AppendLine();
        text.AppendLine("## Audit");
        text.AppendLine();
        text.AppendLine("| counter | check | checked | violations |");
        text.AppendLine("|---|---|---:|---:|");
        foreach (var check in Checks)
        {
            Line($"| {check.Counter} | {check.Name} | {check.Checked} | {check.Violations}{(check.Detail is null ? "" : ": " + check.Detail)} |");
        }

        text.AppendLine();
        if (Outage is { } o)
        {
            text.AppendLine("## PSP outage");
            text.AppendLine();
            Line($"- {o.OutageSeconds:0} s of 503 on every API Pix call; {o.CobRequests} charge creations sent meanwhile: {o.CobUnavailable} answered 503 problem+json `ServicoIndisponivel` with Retry-After, {o.CobOtherAnswers} otherwise.");
            Line($"- circuit first seen open {o.OpenedAfterSeconds?.ToString("0.#", CultureInfo.InvariantCulture) ?? "never"} s into the outage after {o.CallsBeforeOpen} PSP calls; then {o.CallsWhileOpen} PSP calls (half-open trials; at most {o.CallsAllowedWhileOpen} allowed) in the rest of the outage; longest stretch without any PSP call {o.LongestQuietSeconds:0} s. PSP calls during the whole outage: {o.PspCalls}.");
            var first = o.FirstChargeAfterSeconds is { } f ? string.Create(CultureInfo.InvariantCulture, $"first charge created {f:0.#} s after the outage") : "no charge created after the outage";
            var settled = o.IntentsSettledAfterSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"all at the PSP {s:0.#} s after it") : "NOT all at the PSP by the end of the drain";
            Line($"- recovery: {first}; {o.PendingIntentsAtEnd} charge intents were waiting for the PSP when it ended, {settled}.");
            text.AppendLine();
        }

        Line($"Drain: {(DrainCompleted ? "settled" : "NOT settled")} in {DrainSeconds:0} s (SAF queue empty, every sale final, every intent answered, every payment received).");
        text.AppendLine();
        Table(text, "Operations by kind", OperationsByKind);
        Table(text, "Answers by outcome", Outcomes);
        Table(text, "Faults injected (times set)", FaultsInjected);
        Table(text, "Unexpected answers", UnexpectedAnswers);
        Line($"Card host simulator: {string.Join(", ", CardHostStats.Where(s => s.Value.ValueKind == JsonValueKind.Number).Select(s => $"{s.Key} {s.Value}"))}.");
        Line($"GPOS card link: {string.Join(", ", GposCardLink.Where(s => s.Value.ValueKind == JsonValueKind.Number).Select(s => $"{s.Key} {s.Value}"))}.");
        if (!Passed)
        {
            text.AppendLine();
            text.AppendLine("## Failures");
            text.AppendLine();
            foreach (var failure in Failures)
            {
                text.AppendLine("- " + failure);
            }
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, string title, IReadOnlyDictionary<string, long> rows)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"### {title}");
        text.AppendLine();
        if (rows.Count == 0)
        {
            text.AppendLine("none");
            text.AppendLine();
            return;
        }

        text.AppendLine("| | count |");
        text.AppendLine("|---|---:|");
        foreach (var (name, count) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {count} |");
        }

        text.AppendLine();
    }
}
