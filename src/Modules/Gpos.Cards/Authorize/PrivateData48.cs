using System.Globalization;

namespace Gpos.Cards.Authorize;

/// <summary>
/// DE48 (additional data, private, LLL ans..999) as the card host defines it: sub-elements of a 2-character tag, a 2-digit
/// length and the value (the Mastercard DE48 sub-element layout). Tag <c>IN</c> carries the number of installments
/// (parcelas, n2) of a Brazilian installment sale ("parcelado lojista"); 1 is a single payment.
/// </summary>
internal static class PrivateData48
{
    public const string InstallmentsTag = "IN";

    public static string Installments(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{InstallmentsTag}02{count:D2}");
}
