namespace Gpos.Cards.Sales;

/// <summary>
/// A sale as terminals see it, derived from its records. <c>Status</c>: <c>in-flight</c>, <c>approved</c> (pending
/// confirmation), <c>confirmed</c>, <c>completed</c> (a pre-authorization captured with <c>CompletedAmount</c>),
/// <c>declined</c>, <c>reversed</c> (undone, not confirmed in time, or unknown outcome) or <c>voided</c>.
/// Only the masked PAN is shown (PCI DSS 4.0.1 Req. 3.4.1).
/// </summary>
internal sealed record SaleView(
    Guid Id,
    string Kind,
    string Status,
    long Amount,
    string Currency,
    string MaskedPan,
    string TerminalId,
    string? ResponseCode,
    string? AuthorizationCode,
    string? Reason,
    string Rrn,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ConfirmedAt,
    string? ReversalReason,
    bool? ReversalAcknowledged,
    int? Installments,
    long? CompletedAmount,
    DateTimeOffset? CompletedAt,
    bool? CompletionAcknowledged);
