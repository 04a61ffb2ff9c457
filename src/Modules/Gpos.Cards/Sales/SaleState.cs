namespace Gpos.Cards.Sales;

/// <summary>A sale's state as its records say, read under the sale's lock.</summary>
internal sealed record SaleState(Guid SaleId, string MerchantId, string TerminalId, long Amount, string? Outcome, bool Confirmed,
    string? ReversalReason, string Kind, long? CompletedAmount)
{
    public bool IsPreauthorization => Kind == "preauthorization";

    public bool PendingConfirmation => Outcome == "approved" && !Confirmed && ReversalReason is null;
}
