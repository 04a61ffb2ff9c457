namespace Gpos.CardHostSimulator;

/// <summary>
/// One request the simulator received (<c>GET /control/messages</c>). Card data is never recorded: the PAN only as
/// BIN + last 4 (from DE2, or from the PAN part of DE35); track 2, PIN block, expiry and DE55 not at all.
/// </summary>
/// <param name="Sequence">Receive order across the whole simulator, from 1 (restarts at 1 after a reset).</param>
/// <param name="ConnectionId">The TCP connection it arrived on, from 1.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="Mti">The request MTI, e.g. <c>0200</c>.</param>
/// <param name="Stan">DE11.</param>
/// <param name="TerminalId">DE41.</param>
/// <param name="MerchantId">DE42.</param>
/// <param name="ProcessingCode">DE3.</param>
/// <param name="Amount">DE4 in minor units.</param>
/// <param name="Currency">DE49.</param>
/// <param name="MaskedPan">BIN + last 4, e.g. <c>411111******1111</c>.</param>
/// <param name="Rrn">DE37 as answered (the request's, or the one the simulator generated).</param>
/// <param name="NetworkManagementCode">DE70 (0800 only).</param>
/// <param name="ResponseCode">DE39 sent; null when no answer was sent.</param>
/// <param name="AuthId">DE38 sent on approvals.</param>
/// <param name="Outcome">What happened to it.</param>
/// <param name="RespondedAt">When the answer was sent, or when the simulator dropped the connection.</param>
/// <param name="Reversed">True once a reversal (0400/0401/0420/0421) naming this request arrived.</param>
/// <param name="Installments">DE48 sub-element <c>IN</c>: the number of installments, when sent.</param>
/// <param name="CompletedAmount">For an approved 0100: the amount its completion (0220) captured.</param>
public sealed record RecordedMessage(
    long Sequence,
    long ConnectionId,
    DateTimeOffset ReceivedAt,
    string Mti,
    int? Stan,
    string? TerminalId,
    string? MerchantId,
    string? ProcessingCode,
    long? Amount,
    string? Currency,
    string? MaskedPan,
    string? Rrn,
    string? NetworkManagementCode,
    string? ResponseCode,
    string? AuthId,
    MessageOutcome Outcome,
    DateTimeOffset? RespondedAt,
    bool Reversed,
    int? Installments = null,
    long? CompletedAmount = null);
