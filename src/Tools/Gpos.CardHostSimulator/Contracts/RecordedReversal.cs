namespace Gpos.CardHostSimulator;

/// <summary>
/// One reversal the simulator received (<c>GET /control/reversals</c>): 0400, 0401, 0420 or 0421. The original is
/// looked up by (DE41, original STAN, original MTI class) among recorded requests; DE90 supplies the original MTI and
/// STAN, or, when DE90 is absent, DE11 of the reversal is taken as the original STAN (most reversals reuse it).
/// </summary>
/// <param name="Sequence">The reversal's <see cref="RecordedMessage.Sequence"/>.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="Mti">0400, 0401, 0420 or 0421.</param>
/// <param name="Stan">DE11 of the reversal.</param>
/// <param name="TerminalId">DE41.</param>
/// <param name="MerchantId">DE42.</param>
/// <param name="Amount">DE4 in minor units.</param>
/// <param name="MaskedPan">BIN + last 4, when the reversal carried a PAN.</param>
/// <param name="OriginalData">DE90 as received (42 digits), or null.</param>
/// <param name="OriginalMti">Original MTI from DE90, or the recorded original's MTI when DE90 is absent.</param>
/// <param name="OriginalStan">Original STAN from DE90 (or DE11 when DE90 is absent).</param>
/// <param name="OriginalTransmissionDateTime">Original DE7 from DE90.</param>
/// <param name="OriginalFound">Whether the original request was received by this simulator (since the last reset).</param>
/// <param name="OriginalSequence">The original's <see cref="RecordedMessage.Sequence"/>, when found.</param>
/// <param name="OriginalResponseCode">DE39 the original was answered with, when found and answered.</param>
/// <param name="OriginalOutcome">What happened to the original, when found.</param>
/// <param name="IsRepeat">True for 0401/0421.</param>
/// <param name="IsDuplicate">True when the same original had already been reversed (a repeat after a lost 0410).</param>
/// <param name="Acknowledged">True once the 0410/0430 was sent (false while a fault holds it).</param>
public sealed record RecordedReversal(
    long Sequence,
    DateTimeOffset ReceivedAt,
    string Mti,
    int? Stan,
    string? TerminalId,
    string? MerchantId,
    long? Amount,
    string? MaskedPan,
    string? OriginalData,
    string? OriginalMti,
    int? OriginalStan,
    string? OriginalTransmissionDateTime,
    bool OriginalFound,
    long? OriginalSequence,
    string? OriginalResponseCode,
    MessageOutcome? OriginalOutcome,
    bool IsRepeat,
    bool IsDuplicate,
    bool Acknowledged);
