namespace Gpos.Cards.Saf;

/// <summary>
/// A claimed store-and-forward item with the original's fields its message needs (no card data: none is stored).
/// <paramref name="Strikes"/> counts attempts since it was queued or re-queued by ops.
/// </summary>
internal sealed record SafItem(
    Guid Id,
    int Attempts,
    int Strikes,
    Guid SaleId,
    string OriginalMti,
    string ProcessingCode,
    long Amount,
    int OriginalStan,
    string OriginalTransmissionDateTime,
    string AcquirerId,
    string Rrn,
    string HostTerminalId,
    string HostMerchantId,
    string Currency,
    string? AuthId);
