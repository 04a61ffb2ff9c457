namespace Gpos.CardHostSimulator;

/// <summary>
/// Fault injection settings (<c>POST /control/faults</c>). The fault applies to every request whose MTI is in
/// <paramref name="Mtis"/> (all requests when null or empty): for the next <paramref name="Count"/> such requests, or
/// until changed when <paramref name="Count"/> is null. Garbage frames are never counted.
/// </summary>
/// <param name="Mode">The fault; <see cref="FaultMode.None"/> clears it.</param>
/// <param name="DelayMs">For <see cref="FaultMode.Delay"/>: how long to hold each answer, in milliseconds.</param>
/// <param name="Count">How many matching requests the fault applies to before it clears itself; null = until changed.
/// When read back (<c>GET /control/faults</c>) this is the number remaining.</param>
/// <param name="Mtis">Request MTIs the fault applies to (e.g. <c>["0400","0401"]</c>); null or empty = all.</param>
public sealed record FaultSettings(FaultMode Mode, int DelayMs = 0, int? Count = null, IReadOnlyList<string>? Mtis = null)
{
    /// <summary>No fault.</summary>
    public static FaultSettings None { get; } = new(FaultMode.None);
}
