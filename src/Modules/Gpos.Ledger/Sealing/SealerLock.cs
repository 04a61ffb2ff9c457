namespace Gpos.Ledger.Sealing;

/// <summary>The advisory lock that lets one sealer (or projection rebuild) at a time touch the chain.</summary>
internal static class SealerLock
{
    /// <summary>"GPOSLEDG" as a big-endian 64-bit key (advisory locks are per database).</summary>
    public const long Key = 0x4750_4F53_4C45_4447;
}
