namespace Gpos.Ledger.Benchmarks;

/// <summary>Commits completed by all writers in one phase.</summary>
internal readonly record struct PhaseResult(long Commits, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed.TotalSeconds == 0 ? 0 : Commits / Elapsed.TotalSeconds;
}
