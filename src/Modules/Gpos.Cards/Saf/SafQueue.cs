using Gpos.Iso8583;

namespace Gpos.Cards.Saf;

/// <summary>
/// One store-and-forward queue (jPOS-EE SAF, iso8583.md §2): reversals (0400, repeats 0401) and pre-authorization
/// completion advices (0220, repeats 0221). Both are worked the same way; they differ in tables, the MTIs and where the
/// amount comes from (the original's for a reversal, the captured one for a
/// completion). Names here are constants, never input, so composing SQL from them is safe.
/// </summary>
internal sealed record SafQueue(string Kind, string Table, string IdColumn, string AttemptsTable, Mti First, Mti Repeat,
    string ItemSelect, string Reason, string AmountColumn, string QueuedAtColumn, string ReadyCondition)
{
    public static readonly SafQueue Reversals = new("reversal", "cards.saf_queue", "reversal_id", "cards.reversal_attempts",
        Mti.ReversalRequest, Mti.ReversalRequestRepeat,
        """
        FROM cards.saf_queue q
        JOIN cards.reversals v ON v.reversal_id = q.reversal_id
        JOIN cards.authorizations a ON a.sale_id = v.sale_id
        LEFT JOIN cards.authorization_results r ON r.sale_id = a.sale_id
        """,
        "v.reason", "a.amount", "v.queued_at",
        // A completed pre-authorization that is then voided: the host must see the completion (0220) before the reversal.
        """
        NOT EXISTS (SELECT 1 FROM cards.completions c JOIN cards.completion_queue cq ON cq.completion_id = c.completion_id
                    WHERE c.sale_id = a.sale_id AND cq.completed_at IS NULL AND cq.flagged_at IS NULL)
        """);

    public static readonly SafQueue Completions = new("completion", "cards.completion_queue", "completion_id",
        "cards.completion_attempts", new Mti(220), new Mti(221),
        """
        FROM cards.completion_queue q
        JOIN cards.completions v ON v.completion_id = q.completion_id
        JOIN cards.authorizations a ON a.sale_id = v.sale_id
        LEFT JOIN cards.authorization_results r ON r.sale_id = a.sale_id
        """,
        "'completion'", "v.amount", "v.completed_at", "TRUE");

    public static IReadOnlyList<SafQueue> All { get; } = [Reversals, Completions];
}
