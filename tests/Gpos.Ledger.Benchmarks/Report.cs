using System.Globalization;
using System.Text;

namespace Gpos.Ledger.Benchmarks;

/// <summary>
/// The harness's figures, printed as the Markdown tables docs/performance.md quotes. <see cref="RawAfter"/> holds the
/// raw autocommit phase after each standalone phase of <see cref="LedgerStandalone"/>, in the same order.
/// </summary>
internal sealed record Report(PhaseResult Ledger, IReadOnlyList<PhaseResult> LedgerStandalone, PhaseResult RawBefore,
    PhaseResult RawInTransaction, IReadOnlyList<PhaseResult> RawAfter, TimeSpan MaxSealDelay, TimeSpan MaxSealLagGauge,
    TimeSpan DrainAfterStop, long Seals, bool VerifyOk, long VerifiedEntries, TimeSpan VerifyTime, int Writers, TimeSpan Phase)
{
    /// <summary>Raw autocommit INSERT rate around standalone phase <paramref name="round"/>: mean of the raw phases just
    /// before and just after it (A before the first).</summary>
    public double RawAround(int round) => ((round == 0 ? RawBefore : RawAfter[round - 1]).PerSecond + RawAfter[round].PerSecond) / 2;

    /// <summary>Mean of every raw autocommit phase.</summary>
    public double RawPerSecond => RawAfter.Append(RawBefore).Average(p => p.PerSecond);

    public IReadOnlyList<double> StandaloneRatios => LedgerStandalone.Select((p, round) => p.PerSecond / RawAround(round)).ToList();

    /// <summary>The issue's measure (target ≥ 50 %): the median over the rounds of a standalone phase's rate against the
    /// raw phases around it.</summary>
    public double LedgerRatio => Median(StandaloneRatios);

    public override string ToString()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"| measure ({Writers} writers, {Phase.TotalSeconds:0} s per phase) | commits/s | vs raw autocommit |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(inv, $"| A. raw single-row INSERT, autocommit | {Rate(RawBefore)} | |");
        text.AppendLine(inv, $"| B. raw single-row INSERT in BEGIN … COMMIT | {Rate(RawInTransaction)} | {RawInTransaction.PerSecond / RawBefore.PerSecond:P0} of A |");
        text.AppendLine(inv, $"| C. ledger entry (2 postings) in the caller's BEGIN … COMMIT, sealer running | {Rate(Ledger)} | {Ledger.PerSecond / RawPerSecond:P0} of mean raw (vs B: {Ledger.PerSecond / RawInTransaction.PerSecond:P0}) |");
        for (var round = 0; round < LedgerStandalone.Count; round++)
        {
            text.AppendLine(inv, $"| D{round + 1}. ledger entry (2 postings), standalone autocommit post, sealer running | {Rate(LedgerStandalone[round])} | **{StandaloneRatios[round]:P0}** of the raw phases around it |");
            text.AppendLine(inv, $"| R{round + 1}. raw single-row INSERT, autocommit | {Rate(RawAfter[round])} | |");
        }

        text.AppendLine(inv, $"| **ledger / raw (median of the D phases)** | | **{LedgerRatio:P0}** (target ≥ 50 %) |");
        text.AppendLine();
        text.AppendLine("| sealing (phases C and D) | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(inv, $"| max seal delay, every entry (sealed_at − created_at) | {MaxSealDelay.TotalMilliseconds:0} ms |");
        text.AppendLine(inv, $"| max seal-lag gauge (now − oldest unsealed), sampled every 50 ms | {MaxSealLagGauge.TotalMilliseconds:0} ms |");
        text.AppendLine(inv, $"| seals written / longest time to seal the rest after writers stopped | {Seals} / {DrainAfterStop.TotalMilliseconds:0} ms |");
        text.Append(inv, $"| verify after the run | {(VerifyOk ? "ok" : "BROKEN")}, {VerifiedEntries} entries in {VerifyTime.TotalMilliseconds:0} ms |");
        return text.ToString();
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Rate(PhaseResult phase) =>
        string.Create(CultureInfo.InvariantCulture, $"{phase.PerSecond:0} ({phase.Commits} in {phase.Elapsed.TotalSeconds:0.0} s)");
}
