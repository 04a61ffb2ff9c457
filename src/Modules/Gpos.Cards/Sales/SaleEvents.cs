using System.Text.Json.Nodes;
using Gpos.Webhooks.Contracts;

namespace Gpos.Cards.Sales;

/// <summary>The merchant notifications of a card sale (issue 10): its state after a confirmation or a reversal, never card data.</summary>
internal static class SaleEvents
{
    public static MerchantEvent Confirmed(SaleState sale, DateTimeOffset at) =>
        MerchantEvents.CardSale(MerchantEventTypes.CardSaleConfirmed, sale.MerchantId, sale.SaleId, State(sale, "confirmed", null, at), at);

    /// <summary><paramref name="reason"/>: <c>undo</c>, <c>void</c> (of a confirmed sale) or <c>not-confirmed</c> (in time).</summary>
    public static MerchantEvent Reversed(SaleState sale, string reason, DateTimeOffset at) =>
        MerchantEvents.CardSale(MerchantEventTypes.CardSaleReversed, sale.MerchantId, sale.SaleId,
            State(sale, reason == "void" ? "voided" : "reversed", reason, at), at);

    private static JsonObject State(SaleState sale, string status, string? reason, DateTimeOffset at) => new()
    {
        ["id"] = sale.SaleId.ToString("D", System.Globalization.CultureInfo.InvariantCulture),
        ["status"] = status,
        ["amount"] = sale.Amount,
        ["currency"] = "BRL",
        ["terminalId"] = sale.TerminalId,
        ["reversalReason"] = reason,
        ["changedAt"] = at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };
}
