namespace Gpos.Cards.Saf;

/// <summary>A claimed store-and-forward item with the original's fields its reversal needs (no card data: none is stored).</summary>
internal sealed record SafItem(
    Guid ReversalId,
    int Attempts,
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
    string Currency);
