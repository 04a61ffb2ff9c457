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

    public string? Rrn { get; set; }

    public string? ResponseCode { get; set; }

    public string? AuthId { get; set; }

    public MessageOutcome Outcome { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    public bool Reversed { get; set; }

    public ReversalEntry? Reversal { get; set; }

    public RecordedMessage ToRecord() => new(
        Sequence, ConnectionId, ReceivedAt, Mti.ToString(), Stan, TerminalId, MerchantId, ProcessingCode, Amount, Currency,
        MaskedPan, Rrn, NetworkManagementCode, ResponseCode, AuthId, Outcome, RespondedAt, Reversed);
}
