using System.ComponentModel.DataAnnotations;

namespace Gpos.Ledger;

/// <summary>Settings of the Ledger module (section <c>Gpos:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string Section = "Gpos:Ledger";

    /// <summary>Whether this instance runs the sealer (any number may: only one seals at a time).</summary>
    public bool SealerEnabled { get; set; } = true;

    /// <summary>Pause between sealing rounds once caught up: the floor of the seal lag.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Most entries one seal covers; a full batch is followed at once by the next.</summary>
    [Range(1, 100_000)]
    public int SealBatchSize { get; set; } = 5_000;
}
