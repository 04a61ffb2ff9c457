namespace Gpos.Webhooks.Contracts;

/// <summary>The event types a GPOS registration (<c>/v1/webhooks/endpoints</c>) may filter on.</summary>
public static class MerchantEventTypes
{
    public const string PixChargePaid = "pix.charge.paid";
    public const string PixBlocked = "pix.blocked";
    public const string PixReleased = "pix.released";
    public const string PixReturned = "pix.returned";
    public const string PixRefundFinished = "pix.refund.finished";
    public const string CardSaleConfirmed = "card.sale.confirmed";
    public const string CardSaleReversed = "card.sale.reversed";

    public static IReadOnlyList<string> All { get; } =
        [PixChargePaid, PixBlocked, PixReleased, PixReturned, PixRefundFinished, CardSaleConfirmed, CardSaleReversed];

    /// <summary>Types that reach API Pix key registrations (the BACEN callback: Pix received with a txid, refunds at a final status).</summary>
    public static IReadOnlyList<string> PixCallback { get; } = [PixChargePaid, PixReturned, PixRefundFinished];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
