using Gpos.CardHostSimulator.Rules;
using Gpos.Iso8583;

namespace Gpos.CardHostSimulator.State;

/// <summary>A recorded request; the mutable part (outcome, answer) is written under <see cref="SimulatorState"/>'s lock.</summary>
internal sealed class MessageEntry
{
    public MessageEntry(long sequence, long connectionId, DateTimeOffset receivedAt, Iso8583Message request)
    {
        Sequence = sequence;
        ConnectionId = connectionId;
        ReceivedAt = receivedAt;
        Mti = request.Mti;
        Stan = request.Stan11;
        TerminalId = request.TerminalId41;
        MerchantId = request.MerchantId42;
        ProcessingCode = request.ProcessingCode3;
        Amount = request.AmountTransaction4;
        Currency = request.Currency49;
        MaskedPan = CardData.MaskedPan(request);
        Rrn = request.Rrn37;
        NetworkManagementCode = request.NetworkMgmtCode70;
        Installments = PrivateData.TryReadInstallments(request.AdditionalDataPrivate48, out var installments) ? installments : null;
    }

    public long Sequence { get; }

    public long ConnectionId { get; }

    public DateTimeOffset ReceivedAt { get; }

    public Mti Mti { get; }

    public int? Stan { get; }

    public string? TerminalId { get; }

    public string? MerchantId { get; }

    public string? ProcessingCode { get; }

    public long? Amount { get; }

    public string? Currency { get; }

    public string? MaskedPan { get; }

    public string? NetworkManagementCode { get; }

    /// <summary>DE48 sub-element IN (number of installments), when present and well formed.</summary>
    public int? Installments { get; }

    /// <summary>For an approved 0100: the amount a completion (0220) captured.</summary>
    public long? CompletedAmount { get; set; }

    public string? Rrn { get; set; }

    public string? ResponseCode { get; set; }

    public string? AuthId { get; set; }

    public MessageOutcome Outcome { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    public bool Reversed { get; set; }

    public ReversalEntry? Reversal { get; set; }

    public RecordedMessage ToRecord() => new(
        Sequence, ConnectionId, ReceivedAt, Mti.ToString(), Stan, TerminalId, MerchantId, ProcessingCode, Amount, Currency,
        MaskedPan, Rrn, NetworkManagementCode, ResponseCode, AuthId, Outcome, RespondedAt, Reversed, Installments, CompletedAmount);
}
