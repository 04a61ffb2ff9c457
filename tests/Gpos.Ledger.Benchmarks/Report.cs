using System.Globalization;

namespace Gpos.Ledger.Benchmarks;

/// <summary>The harness's figures, printed as the Markdown table RESULTS.md quotes.</summary>
internal sealed record Report(PhaseResult Ledger, PhaseResult LedgerStandalone, PhaseResult RawBefore, PhaseResult RawInTransaction,
    PhaseResult RawAfter, TimeSpan MaxSealDelay, TimeSpan MaxSealLagGauge, TimeSpan DrainAfterStop, long Seals, bool VerifyOk,
    long VerifiedEntries, TimeSpan VerifyTime, int Writers, TimeSpan Phase)
{
    /// <summary>Raw autocommit INSERT rate: mean of the phases before and after the ledger phases (load on the VM drifts).</summary>
    public double RawPerSecond => (RawBefore.PerSecond + RawAfter.PerSecond) / 2;

    /// <summary>The best ledger path against raw single-row INSERT commits (the target: ≥ 50 %).</summary>
    public double LedgerRatio => Math.Max(Ledger.PerSecond, LedgerStandalone.PerSecond) / RawPerSecond;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"""
        | measure ({Writers} writers, {Phase.TotalSeconds:0} s per phase) | commits/s | vs raw autocommit |
        |---|---|---|
        | A. raw single-row INSERT, autocommit (before) | {Rate(RawBefore)} | |
        | B. raw single-row INSERT in BEGIN … COMMIT | {Rate(RawInTransaction)} | {RawInTransaction.PerSecond / RawPerSecond:P0} |
        | C. ledger entry (2 postings) in the caller's BEGIN … COMMIT, sealer running | {Rate(Ledger)} | {Ledger.PerSecond / RawPerSecond:P0} (vs B: {Ledger.PerSecond / RawInTransaction.PerSecond:P0}) |
        | D. ledger entry (2 postings), standalone autocommit post, sealer running | {Rate(LedgerStandalone)} | {LedgerStandalone.PerSecond / RawPerSecond:P0} |
        | E. raw single-row INSERT, autocommit (after) | {Rate(RawAfter)} | |

        | sealing (phases C + D) | value |
        |---|---|
        | max seal delay, every entry (sealed_at − created_at) | {MaxSealDelay.TotalMilliseconds:0} ms |
        | max seal-lag gauge (now − oldest unsealed), sampled every 50 ms | {MaxSealLagGauge.TotalMilliseconds:0} ms |
        | seals written / time to seal the rest after writers stopped | {Seals} / {DrainAfterStop.TotalMilliseconds:0} ms |
        | verify after the run | {(VerifyOk ? "ok" : "BROKEN")}, {VerifiedEntries} entries in {VerifyTime.TotalMilliseconds:0} ms |
        """);

    private static string Rate(PhaseResult phase) =>
        string.Create(CultureInfo.InvariantCulture, $"{phase.PerSecond:0} ({phase.Commits} in {phase.Elapsed.TotalSeconds:0.0} s)");
}
