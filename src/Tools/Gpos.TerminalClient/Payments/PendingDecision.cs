namespace Gpos.TerminalClient.Payments;

/// <summary>
/// A confirmation or undo the terminal owes GPOS, kept on disk until GPOS has it. No card data: the sale id, the amount
/// and the masked PAN (BIN + last 4) are all a receipt line needs.
/// </summary>
/// <param name="SaleId">The sale.</param>
/// <param name="Decision">Confirm or undo.</param>
/// <param name="Amount">Minor units, for display.</param>
/// <param name="MaskedPan">BIN + last 4, for display.</param>
/// <param name="QueuedAt">When the terminal decided.</param>
/// <param name="Attempts">Delivery attempts so far.</param>
/// <param name="LastError">Why the last attempt failed.</param>
public sealed record PendingDecision(Guid SaleId, CardDecision Decision, long Amount, string MaskedPan, DateTimeOffset QueuedAt,
    int Attempts = 0, string? LastError = null);

/// <summary>What delivering a pending decision did.</summary>
/// <param name="Decision">The decision.</param>
/// <param name="Delivered">GPOS has it (or said it can never apply: then <paramref name="Problem"/> says why); it left the queue.</param>
/// <param name="Sale">The sale after the decision, when GPOS answered with it.</param>
/// <param name="Problem">Why it failed or was refused.</param>
public sealed record DecisionDelivery(PendingDecision Decision, bool Delivered, CardSale? Sale, ServerProblem? Problem);
