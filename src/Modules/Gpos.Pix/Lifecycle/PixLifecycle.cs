namespace Gpos.Pix.Lifecycle;

/// <summary>States of a received Pix (design.md §3). PROCESSING is the state before any event is appended.</summary>
internal enum PixState
{
    Processing,
    Blocked,
    Paid,
    PartiallyReturned,
    Returned,
}

/// <summary>What can happen to a received Pix after the PSP notified it.</summary>
internal enum PixTransition
{
    /// <summary>The PSP credited the Pix to the merchant.</summary>
    Settle,

    /// <summary>Cautelar block at receipt (Res. BCB 1/2020 art. 39-C, up to 72 h): funds go to the merchant's blocked account.</summary>
    Block,

    /// <summary>The cautelar block ended without a return: the funds become the merchant's.</summary>
    Release,

    /// <summary>Money went back to the payer: a devolução the merchant asked for, or a MED return.</summary>
    Return,
}

/// <summary>
/// The explicit state machine of a received Pix: every allowed transition is listed in <see cref="Next"/>; any other
/// is refused (recorded, alerted, no ledger change) by <see cref="PixLifecycleService"/>.
/// </summary>
internal static class PixLifecycle
{
    /// <summary>The state after <paramref name="transition"/> from <paramref name="from"/>, or null when not allowed.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="transition">What the PSP says happened.</param>
    /// <param name="remainingAfter">For <see cref="PixTransition.Return"/>: what is left of the Pix after this return.</param>
    public static PixState? Next(PixState from, PixTransition transition, long remainingAfter) => (from, transition) switch
    {
        (PixState.Processing, PixTransition.Settle) => PixState.Paid,
        (PixState.Processing, PixTransition.Block) => PixState.Blocked,
        (PixState.Blocked, PixTransition.Release) => PixState.Paid,
        // A return from a block ends the block; a partial one releases the rest to the merchant.
        (PixState.Blocked or PixState.Paid or PixState.PartiallyReturned, PixTransition.Return) when remainingAfter >= 0 =>
            remainingAfter == 0 ? PixState.Returned : PixState.PartiallyReturned,
        _ => null,
    };

    public static string ToDb(this PixState state) => state switch
    {
        PixState.Processing => "PROCESSING",
        PixState.Blocked => "BLOCKED",
        PixState.Paid => "PAID",
        PixState.PartiallyReturned => "PARTIALLY_RETURNED",
        PixState.Returned => "RETURNED",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static PixState ParseState(string? text) => text switch
    {
        null or "PROCESSING" => PixState.Processing,
        "BLOCKED" => PixState.Blocked,
        "PAID" => PixState.Paid,
        "PARTIALLY_RETURNED" => PixState.PartiallyReturned,
        "RETURNED" => PixState.Returned,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Unknown Pix state."),
    };

    public static string ToDb(this PixTransition transition) => transition.ToString().ToUpperInvariant();
}
