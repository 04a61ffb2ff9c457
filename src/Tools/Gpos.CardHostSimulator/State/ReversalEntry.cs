namespace Gpos.CardHostSimulator.State;

/// <summary>A recorded reversal; <see cref="MessageEntry.Reversal"/> of its request entry.</summary>
internal sealed class ReversalEntry(MessageEntry request, OriginalKey reversedKey, string? originalData, string? originalMti, int? originalStan,
    string? originalTransmissionDateTime, MessageEntry? original, bool isDuplicate)
{
    public MessageEntry Request { get; } = request;

    public MessageEntry? Original { get; } = original;

    /// <summary>The original this reversal names, for spotting duplicates (a repeat after a lost 0410).</summary>
    public OriginalKey ReversedKey { get; } = reversedKey;

    public RecordedReversal ToRecord() => new(
        Request.Sequence,
        Request.ReceivedAt,
        Request.Mti.ToString(),
        Request.Stan,
        Request.TerminalId,
        Request.MerchantId,
        Request.Amount,
        Request.MaskedPan,
        originalData,
        originalMti ?? Original?.Mti.ToString(),
        originalStan,
        originalTransmissionDateTime,
        Original is not null,
        Original?.Sequence,
        Original?.ResponseCode,
        Original?.Outcome,
        Request.Mti.IsRepeat,
        isDuplicate,
        Request.Outcome == MessageOutcome.Answered);
}
