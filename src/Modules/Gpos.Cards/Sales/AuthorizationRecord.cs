namespace Gpos.Cards.Sales;

/// <summary>
/// An authorization request as stored before it is sent: enough to rebuild its reversal (DE3, DE4, DE11, DE7, DE32,
/// DE37, DE41, DE42, DE49, DE90), and no sensitive authentication data.
/// </summary>
internal sealed record AuthorizationRecord(
    Guid SaleId,
    string Kind,
    string MerchantId,
    string TerminalId,
    long Amount,
    string Currency,
    string CardBin,
    string CardLast4,
    byte[] PanToken,
    string EntryMode,
    int? Installments,
    string Mti,
    string ProcessingCode,
    int Stan,
    string TransmissionDateTime,
    string AcquirerId,
    string Rrn,
    string HostTerminalId,
    string HostMerchantId,
    DateTimeOffset RequestedAt);
