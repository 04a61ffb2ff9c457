using System.Collections.Frozen;
using System.Text;

namespace Gpos.CardHostSimulator.Rules;

/// <summary>
/// The simulator's deterministic answers to 0100 and 0200 (documented as a table in the README). Order:
/// a transport amount (ending 97, 98, 99) first, then a test PAN with a fixed code, then the amount's decline code,
/// else approval. Reversals and network management are never subject to these rules (only to faults).
/// </summary>
internal static class AuthorizationRules
{
    /// <summary>Amount ending (minor units) answered after <c>LateResponseDelay</c> (approved).</summary>
    public const int LateAnswerEnding = 97;

    /// <summary>Amount ending never answered.</summary>
    public const int NeverAnsweredEnding = 98;

    /// <summary>Amount ending after which the connection is dropped.</summary>
    public const int DropConnectionEnding = 99;

    /// <summary>Approved.</summary>
    public const string Approved = "00";

    /// <summary>Format error: a required field (DE2/DE35, DE4, DE11, DE41, DE70) is missing.</summary>
    public const string FormatError = "30";

    /// <summary>Invalid transaction: an MTI the simulator does not serve, or an unknown DE70.</summary>
    public const string InvalidTransaction = "12";

    /// <summary>Invalid amount: a completion above its pre-authorized amount.</summary>
    public const string InvalidAmount = "13";

    /// <summary>Transaction not permitted to cardholder: more installments than <see cref="MaxInstallments"/>.</summary>
    public const string NotPermittedToCardholder = "57";

    /// <summary>Duplicate transmission: a completion of a pre-authorization already completed with another amount.</summary>
    public const string DuplicateTransmission = "94";

    /// <summary>The most installments (parcelas) the simulated issuer accepts.</summary>
    public const int MaxInstallments = 12;

    /// <summary>Decline codes by the amount's last two digits (ISO 8583:1987 DE39; iso8583.md §3).</summary>
    public static FrozenDictionary<int, string> DeclineByAmountEnding { get; } = new Dictionary<int, string>
    {
        [5] = "05",   // do not honor
        [12] = "12",  // invalid transaction
        [13] = "13",  // invalid amount
        [14] = "14",  // invalid card number
        [41] = "41",  // lost card, pick up
        [43] = "43",  // stolen card, pick up
        [51] = "51",  // insufficient funds
        [54] = "54",  // expired card
        [55] = "55",  // incorrect PIN
        [57] = "57",  // not permitted to cardholder
        [61] = "61",  // exceeds amount limit
        [62] = "62",  // restricted card
        [65] = "65",  // exceeds frequency limit
        [75] = "75",  // PIN tries exceeded
        [91] = "91",  // issuer or switch inoperative
        [96] = "96",  // system malfunction
    }.ToFrozenDictionary();

    /// <summary>Test PANs. Those with a code override the amount's decline code (not the transport amounts).</summary>
    public static IReadOnlyList<TestCard> TestCards { get; } =
    [
        new("4111111111111111", null, "Visa test card: amount rules (approved by default)"),
        new("5555555555554444", null, "Mastercard test card: amount rules (approved by default)"),
        new("4000000000000002", "05", "do not honor"),
        new("4000000000000010", "14", "invalid card number"),
        new("4000000000009995", "51", "insufficient funds"),
        new("4000000000000069", "54", "expired card"),
        new("4000000000000127", "55", "incorrect PIN"),
        new("4000000000000036", "91", "issuer unavailable"),
        new("4000000000000119", "96", "system malfunction"),
    ];

    /// <summary>The fixed code for a test PAN, compared on the wire bytes (the PAN never becomes a string).</summary>
    /// <param name="pan">ASCII PAN digits.</param>
    /// <returns>The code, or null when the PAN has no fixed code.</returns>
    public static string? CodeForPan(ReadOnlySpan<byte> pan)
    {
        foreach (var card in TestCards)
        {
            if (card.ResponseCode is not null && Ascii.Equals(pan, card.Pan))
            {
                return card.ResponseCode;
            }
        }

        return null;
    }

    /// <summary>The code for an amount without a transport rule: its decline code, else approval.</summary>
    /// <param name="amount">DE4 in minor units.</param>
    /// <returns>DE39.</returns>
    public static string CodeForAmount(long amount) =>
        DeclineByAmountEnding.TryGetValue((int)(amount % 100), out var code) ? code : Approved;
}
