namespace Gpos.TerminalClient.Payments;

/// <summary>A card sale as the terminal sends it. The PAN and expiry are sent once and never stored by the client.</summary>
/// <param name="Amount">Minor units (centavos).</param>
/// <param name="Pan">The card number (13-19 digits, Luhn-valid).</param>
/// <param name="Expiry">YYMM.</param>
/// <param name="Installments">Number of installments (parcelas), or null for a single payment.</param>
public sealed record CardSaleRequest(long Amount, string Pan, string Expiry, int? Installments = null);

/// <summary>A card sale as GPOS reports it (masked PAN only).</summary>
/// <param name="Id">The sale id.</param>
/// <param name="Kind"><c>sale</c> or <c>preauthorization</c>.</param>
/// <param name="Status"><c>approved</c> (pending confirmation), <c>confirmed</c>, <c>declined</c>, <c>reversed</c>, <c>voided</c>...</param>
/// <param name="Amount">Minor units.</param>
/// <param name="MaskedPan">BIN + last 4.</param>
/// <param name="ResponseCode">DE39 from the card host, when it answered.</param>
/// <param name="AuthorizationCode">DE38 on approvals.</param>
/// <param name="Reason">Why a sale was declined without a host answer (timeout, not-connected...).</param>
/// <param name="Rrn">Retrieval reference number (DE37).</param>
/// <param name="Installments">Installments sent, if any.</param>
/// <param name="ReversalReason">Why GPOS reversed it (timeout, undo, not-confirmed...), if it did.</param>
/// <param name="ReversalAcknowledged">Whether the card host has acknowledged that reversal.</param>
public sealed record CardSale(Guid Id, string Kind, string Status, long Amount, string MaskedPan, string? ResponseCode,
    string? AuthorizationCode, string? Reason, string Rrn, int? Installments, string? ReversalReason = null,
    bool? ReversalAcknowledged = null)
{
    /// <summary>Approved by the host and waiting for the terminal's confirmation (receipt printed) or undo.</summary>
    public bool Approved => Status == "approved";
}

/// <summary>What the terminal tells GPOS about an approved sale (Brazilian TEF practice).</summary>
public enum CardDecision
{
    /// <summary>The receipt printed: confirm the sale.</summary>
    Confirm,

    /// <summary>The sale must not stand (receipt did not print, customer gave up): undo it.</summary>
    Undo,
}
